using System.Diagnostics;
using HappyHorse.Download;

namespace HappyHorse.Bench;

/// <summary>
/// The floor under Save-HHVideo: the engine's VideoDownloader.SaveAsync called directly, with no
/// cmdlet, no pipeline and no progress records, writing the same file with the same durability
/// (fsync before the rename). Save-HHVideo minus this row is what the cmdlet path costs; this row
/// minus curl is what the engine costs (fsync included, which curl never pays).
/// </summary>
internal static class EngineSave
{
    /// <returns>Seconds for one download of <paramref name="url"/> into <paramref name="folder"/>/<paramref name="name"/>.</returns>
    public static double Time(string url, string folder, string name, Action<string> verify)
    {
        string path = Path.Combine(folder, name);
        var item = new VideoDownload(new Uri(url), path, new VideoSidecar { RequestId = "bench-engine" });
        var downloader = new VideoDownloader();
        var watch = Stopwatch.StartNew();
        var outcome = downloader.SaveAsync(item, null, CancellationToken.None).GetAwaiter().GetResult();
        double seconds = watch.Elapsed.TotalSeconds;
        verify(outcome.Path);
        File.Delete(outcome.Path);
        File.Delete(VideoSidecar.PathFor(outcome.Path));
        return seconds;
    }

    /// <summary>
    /// One untimed SaveAsync of <paramref name="url"/> into <paramref name="folder"/>/engine-warm: the
    /// first call downloads it, later ones skip the complete file (its sidecar matches), which runs the
    /// engine's per-call code without a transfer. The caller deletes the file.
    /// </summary>
    public static void WarmCall(string url, string folder)
    {
        var item = new VideoDownload(new Uri(url), Path.Combine(folder, "engine-warm"), new VideoSidecar { RequestId = "bench-engine" });
        new VideoDownloader().SaveAsync(item, null, CancellationToken.None).GetAwaiter().GetResult();
    }
}
