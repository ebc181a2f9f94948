using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Demo;

/// <summary>
/// Saves each succeeded row's video to disk. A stand-in for the planned Save-HHVideo cmdlet: when
/// that exists, this file goes and the pipeline gains "| Save-HHVideo -Path $out".
/// </summary>
public static class VideoDownloader
{
    /// <summary>Four at a time: enough to overlap round trips without hammering a CDN.</summary>
    private const int Parallelism = 4;

    // VideoUrl is a public CDN link: the API token is deliberately not sent with it.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Downloads every row that has a video, filling in File and Bytes, or Status and Problem on failure.</summary>
    public static async Task DownloadAsync(IReadOnlyList<RowOutcome> rows, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        int width = rows.Count.ToString(CultureInfo.InvariantCulture).Length; // 01..12 sort in row order
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            if (row.Status != "succeeded") return;
            if (row.VideoUrl == null)
            {
                row.Status = "no video";
                row.Problem = $"Job {row.RequestId} succeeded but its result has no video URL.";
                return;
            }
            string name = row.Index.ToString("D" + width, CultureInfo.InvariantCulture) + "-" + SafeName(row.Name ?? row.RequestId ?? "video") + ".mp4";
            string path = Path.Combine(directory, name);
            try
            {
                row.Bytes = await SaveAsync(new Uri(row.VideoUrl), path, ct);
                row.File = path;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or UriFormatException)
            {
                row.Status = "download failed";
                row.Problem = $"Downloading {row.VideoUrl} failed: {ex.Message}";
            }
        });
    }

    /// <summary>Streams to a .part file and renames it, so a cut download never looks like a video.</summary>
    private static async Task<long> SaveAsync(Uri url, string path, CancellationToken ct)
    {
        string partial = path + ".part";
        try
        {
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            long bytes;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await response.Content.CopyToAsync(file, ct);
                bytes = file.Length;
            }
            long? expected = response.Content.Headers.ContentLength;
            if (expected.HasValue && expected.Value != bytes)
                throw new IOException($"the server announced {expected.Value} bytes but sent {bytes}.");
            File.Move(partial, path, overwrite: true);
            return bytes;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>
    /// A file name valid on Windows, Linux and macOS: characters Windows forbids and control
    /// characters become '_', trailing dots and spaces go (Windows drops them), and it stays short.
    /// Reserved device names (CON, NUL…) cannot occur: the name always follows "index-".
    /// </summary>
    public static string SafeName(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (char c in text.Trim())
            name.Append(c < 32 || "<>:\"/\\|?*".IndexOf(c) >= 0 ? '_' : c);
        string result = name.ToString();
        if (result.Length > 80) result = result.Substring(0, char.IsHighSurrogate(result[79]) ? 79 : 80); // never half an emoji
        result = result.TrimEnd('.', ' ');
        return result.Length == 0 ? "video" : result;
    }
}
