using System;
using System.IO;
using System.Management.Automation;
using HappyHorse.Records;

namespace HappyHorse.Binding
{
    /// <summary>Where Save-HHVideo writes: a file system folder, relative to PowerShell's location, not the process's.</summary>
    internal static class SaveFolder
    {
        /// <returns>The full folder path, or null with <paramref name="error"/> set.</returns>
        public static string? Resolve(SessionState session, string path, out ErrorRecord? error)
        {
            error = null;
            string folder;
            ProviderInfo provider;
            try
            {
                folder = session.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
            {
                error = ErrorRecords.Create("InvalidPath", ErrorCategory.InvalidArgument, path,
                    $"-Path '{path}' cannot be resolved: {ex.Message}", "Give a file system folder, e.g. -Path ./videos.");
                return null;
            }
            if (provider.Name != "FileSystem")
            {
                error = ErrorRecords.Create("InvalidPath", ErrorCategory.InvalidArgument, path,
                    $"-Path '{path}' is on the {provider.Name} provider; videos can only be saved to a folder on disk.", "Give a file system folder, e.g. -Path ./videos.");
                return null;
            }
            if (File.Exists(folder))
            {
                error = ErrorRecords.Create("InvalidPath", ErrorCategory.InvalidArgument, path,
                    $"-Path '{folder}' is a file; it must be a folder (it is created when missing).", "Give a folder path.");
                return null;
            }
            return folder;
        }
    }
}
