using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Download;
using Xunit;

namespace HappyHorse.Core.Tests.Download;

/// <summary>
/// Someone who can write to the output folder plants symbolic links where the downloader writes
/// (the .part file, the temporary sidecar and marker): the file they point at must never change.
/// </summary>
public sealed class PlantedLinkTests : IDisposable
{
    private const string RequestId = "req-0003";
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-links-").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("hh-victim-").FullName;
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose()
    {
        foreach (string dir in new[] { _folder, _elsewhere })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private VideoDownload Item(RawHttpServer cdn) =>
        new(new Uri(cdn.RootUri, "/files/abc.mp4?sig=xyz"), Path.Combine(_folder, "clip.mp4"),
            new VideoSidecar { RequestId = RequestId, Model = "m", Status = "succeeded" });

    /// <summary>A file the attacker wants overwritten (think ~/.bashrc), with a link to it at <paramref name="at"/>.</summary>
    private string Victim(string at, string text = "precious\n")
    {
        string victim = Path.Combine(_elsewhere, Guid.NewGuid().ToString("N"));
        File.WriteAllText(victim, text);
        File.CreateSymbolicLink(at, victim);
        return victim;
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget != null;

    [Fact]
    public void AnAtomicWriteNeverFollowsALinkPlantedAtTheTemporaryName()
    {
        string target = Path.Combine(_folder, "clip.mp4.json");
        string victim = Victim(target + ".tmp");

        AtomicFile.WriteAllBytes(target, Encoding.UTF8.GetBytes("{\"ok\":true}"));

        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Equal("{\"ok\":true}", File.ReadAllText(target));
        Assert.False(IsLink(target));
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => f.EndsWith(".tmp", StringComparison.Ordinal) && !IsLink(f));
    }

    [Fact]
    public void AnAtomicWriteReplacesADanglingLinkAtTheFinalNameInsteadOfCreatingItsTarget()
    {
        string target = Path.Combine(_folder, "clip.mp4.json");
        string wouldBeCreated = Path.Combine(_elsewhere, "created-through-the-link");
        File.CreateSymbolicLink(target, wouldBeCreated);

        AtomicFile.WriteAllBytes(target, Encoding.UTF8.GetBytes("{}"));

        Assert.False(File.Exists(wouldBeCreated));
        Assert.False(IsLink(target));
        Assert.Equal("{}", File.ReadAllText(target));
    }

    [Fact]
    public async Task ALinkUnderTheFinalNameIsNeverTakenForTheVideoAndForceReplacesTheLinkNotItsTarget()
    {
        byte[] content = FakeCdn.Content(20_000);
        await using var cdn = RawHttpServer.Start(r => r.Header("Range") == "bytes=0-0"
            ? FakeCdn.Partial(206, content, 0, 1, $"Content-Range: bytes 0-0/{content.Length}")
            : FakeCdn.Serve(r, content));
        var item = Item(cdn);
        string victim = Victim(item.Path, new string('v', content.Length)); // the very length the server announces

        var ex = await Assert.ThrowsAsync<DownloadException>(() => new VideoDownloader(ApiTest.Fast(), _log.Enqueue).SaveAsync(item, null, ApiTest.Bounded()));
        Assert.Equal(DownloadFailure.Conflict, ex.Kind);
        ApiTest.Mentions(ex.Message, "is a symbolic link");
        Assert.False(File.Exists(item.Path + ".json"));

        var forced = Item(cdn);
        forced.Force = true;
        await new VideoDownloader(ApiTest.Fast(), _log.Enqueue).SaveAsync(forced, null, ApiTest.Bounded());

        Assert.Equal(new string('v', content.Length), File.ReadAllText(victim));
        Assert.False(IsLink(item.Path));
        Assert.Equal(content, File.ReadAllBytes(item.Path));
    }

    [Fact]
    public async Task TheSidecarAndMarkerAreWrittenBesideLinksPlantedAtTheirTemporaryNames()
    {
        byte[] content = FakeCdn.Content(20_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        string sidecarVictim = Victim(item.Path + ".json.tmp");
        string markerVictim = Victim(item.Path + ".part.json.tmp");

        await new VideoDownloader(ApiTest.Fast(), _log.Enqueue).SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal("precious\n", File.ReadAllText(sidecarVictim));
        Assert.Equal("precious\n", File.ReadAllText(markerVictim));
        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.False(IsLink(item.Path + ".json"));
    }

    [Fact]
    public async Task APartFileThatIsALinkIsDiscardedEvenWithAMatchingMarker()
    {
        byte[] content = FakeCdn.Content(20_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        string victim = Victim(item.PartPath);
        new ResumeMarker(item.Path, RequestId, ResumeMarker.SourceKey(item.Source), null).Write(); // the marker is predictable

        await new VideoDownloader(ApiTest.Fast(), _log.Enqueue).SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Null(Assert.Single(cdn.Requests).Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.False(IsLink(item.Path));
        Assert.Contains(_log, line => line.Contains("link", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task APartFileSwappedForALinkBetweenTwoAttemptsIsNotAppendedTo()
    {
        byte[] content = FakeCdn.Content(50_000);
        string? victim = null;
        string part = Path.Combine(_folder, "clip.mp4.part");
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r =>
        {
            int call = Interlocked.Increment(ref calls);
            if (call == 2)
            {
                // The resume request is already on the wire, its offset taken: now the .part becomes a link.
                File.Delete(part);
                victim = Victim(part, new string('x', 1_000));
            }
            return FakeCdn.Serve(r, content, cutAfter: call == 1 ? 1_000 : null);
        });
        var item = Item(cdn);

        await new VideoDownloader(ApiTest.Fast(), _log.Enqueue).SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(new string('x', 1_000), File.ReadAllText(victim!));
        Assert.Equal("bytes=1000-", cdn.Requests[1].Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.False(IsLink(item.Path));
    }
}
