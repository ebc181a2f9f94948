using System;
using System.IO;
using System.Management.Automation;
using HappyHorse.Download;

namespace HappyHorse.Records
{
    /// <summary>Save-HHVideo's error records: what failed, for which job, and how to go on.</summary>
    internal static class DownloadErrors
    {
        public static ErrorRecord From(VideoDownload item, HHJobResult result, Exception failure)
        {
            var download = failure as DownloadException;
            string? row = JobLabel.Row(result.Index, result.Title);
            string message = JobLabel.Sentence($"{(row == null ? "" : row + ": ")}saving the video of job {result.RequestId} to {item.Path} failed: {failure.Message}");
            if (row == null) message = char.ToUpperInvariant(message[0]) + message.Substring(1);
            if (download?.Kind == DownloadFailure.Conflict)
                return ErrorRecords.Create("FileExists", ErrorCategory.ResourceExists, result, message,
                    "Use -Force to overwrite it, or choose another -Path or -FileName.");
            var category = download?.Kind switch
            {
                DownloadFailure.Disk => ErrorCategory.WriteError,
                DownloadFailure.InvalidResponse => ErrorCategory.InvalidResult,
                DownloadFailure.Http when download.HttpStatus == 401 || download.HttpStatus == 403 => ErrorCategory.PermissionDenied,
                DownloadFailure.Http when download.HttpStatus == 404 || download.HttpStatus == 410 => ErrorCategory.ObjectNotFound,
                _ => ErrorCategory.ConnectionError,
            };
            bool partial = File.Exists(item.PartPath);
            return ErrorRecords.Create("DownloadFailed", category, result, message,
                partial ? $"Run Save-HHVideo again: it resumes from the {new FileInfo(item.PartPath).Length:N0} bytes kept in {item.PartPath}."
                        : "Run Save-HHVideo again later.");
        }
    }
}
