using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Download;
using Xunit;

namespace HappyHorse.Core.Tests.Download;

/// <summary>The download engine against loopback hosts that cut, stall, ignore ranges or lie about them.</summary>
public sealed class VideoDownloaderTests : IDisposable
{
    private const string RequestId = "req-0001";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hh-dl-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<string> _log = new();

    public VideoDownloaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private VideoDownloader Downloader(int maxAttempts = 4, int idleTimeoutMs = 15_000) =>
        new(ApiTest.Fast(maxAttempts, idleTimeoutMs), _log.Enqueue);

    private VideoDownload Item(RawHttpServer cdn, string name = "clip.mp4", bool force = false) =>
        new(new Uri(cdn.RootUri, "/files/abc.mp4?sig=xyz"), Path.Combine(_folder, name),
            new VideoSidecar { RequestId = RequestId, Model = "m", Status = "succeeded" }) { Force = force };

    private string[] FilesLeft() => Directory.GetFiles(_folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    private static async Task<DownloadException> FailsAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (DownloadException ex)
        {
            return ex;
        }
        throw new Xunit.Sdk.XunitException("expected a DownloadException");
    }

    [Fact]
    public async Task ACutTransferResumesWithARangeRequestAndEndsWithTheExactBytes()
    {
        byte[] content = FakeCdn.Content(1_000_000);
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r => Interlocked.Increment(ref calls) == 1 ? FakeCdn.Serve(r, content, cutAfter: 300_000) : FakeCdn.Serve(r, content));
        var item = Item(cdn);

        var outcome = await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal(2, outcome.Requests);
        Assert.Null(cdn.Requests[0].Header("Range"));
        Assert.Equal("bytes=300000-", cdn.Requests[1].Header("Range"));
        Assert.All(cdn.Requests, r => Assert.Null(r.Header("Authorization")));
        Assert.Equal(new[] { "clip.mp4", "clip.mp4.json" }, FilesLeft());
        using var sidecar = JsonDocument.Parse(File.ReadAllBytes(item.Path + ".json"));
        Assert.Equal(content.Length, sidecar.RootElement.GetProperty("bytes").GetInt64());
        Assert.Equal(item.Source.AbsoluteUri, sidecar.RootElement.GetProperty("source_url").GetString());
    }

    [Fact]
    public async Task AHostThatKeepsFailingLeavesOnlyThePartFileAndTheNextRunResumesIt()
    {
        byte[] content = FakeCdn.Content(200_000);
        int calls = 0;
        bool healed = false;
        await using var cdn = RawHttpServer.Start(r => Volatile.Read(ref healed)
            ? FakeCdn.Serve(r, content)
            : Interlocked.Increment(ref calls) == 1 ? FakeCdn.Serve(r, content, cutAfter: 1_000) : RawAnswer.Http(503, "<html>busy</html>", "text/html"));
        var item = Item(cdn);

        var ex = await FailsAsync(() => Downloader(maxAttempts: 3).SaveAsync(item, null, ApiTest.Bounded()));

        Assert.False(ex.Retryable);
        Assert.Equal(503, ex.HttpStatus);
        Assert.Equal(3, cdn.Requests.Count); // the cut one starts the count, two more without progress end it
        Assert.Equal(new[] { "clip.mp4.part", "clip.mp4.part.json" }, FilesLeft());
        Assert.Equal(content.Take(1_000), File.ReadAllBytes(item.PartPath));

        Volatile.Write(ref healed, true);
        var outcome = await Downloader().SaveAsync(Item(cdn), null, ApiTest.Bounded());

        Assert.Equal("bytes=1000-", cdn.Requests[3].Header("Range"));
        Assert.Equal(4, cdn.Requests.Count);
        Assert.Equal(1_000, outcome.ResumedFrom);
        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal(new[] { "clip.mp4", "clip.mp4.json" }, FilesLeft());
    }

    [Fact]
    public async Task AHostThatIgnoresRangeIsReadFromTheStartNotAppended()
    {
        byte[] content = FakeCdn.Content(50_000);
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Partial(200, content, 0, Interlocked.Increment(ref calls) == 1 ? 20_000 : null));
        var item = Item(cdn);

        await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal("bytes=20000-", cdn.Requests[1].Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Contains(_log, line => line.Contains("ignored the Range"));
    }

    [Fact]
    public async Task AWrongContentRangeDiscardsThePartialFileAndStartsOver()
    {
        byte[] content = FakeCdn.Content(50_000);
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r => Interlocked.Increment(ref calls) switch
        {
            1 => FakeCdn.Serve(r, content, cutAfter: 20_000),
            2 => FakeCdn.Partial(206, content, 0, null, $"Content-Range: bytes 0-{content.Length - 1}/{content.Length}"),
            _ => FakeCdn.Serve(r, content),
        });
        var item = Item(cdn);

        await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(3, cdn.Requests.Count);
        Assert.Null(cdn.Requests[2].Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(item.Path));
    }

    [Fact]
    public async Task APartFileThatIsAlreadyCompleteIsFinishedByA416()
    {
        byte[] content = FakeCdn.Content(30_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        File.WriteAllBytes(item.PartPath, content);
        new ResumeMarker(item.Path, RequestId, ResumeMarker.SourceKey(item.Source), null).Write();

        var outcome = await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal("bytes=30000-", Assert.Single(cdn.Requests).Header("Range"));
        Assert.Equal(30_000, outcome.ResumedFrom);
        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal(new[] { "clip.mp4", "clip.mp4.json" }, FilesLeft());
    }

    [Fact]
    public async Task APartFileOfAnotherJobIsNeverSplicedIn()
    {
        byte[] content = FakeCdn.Content(30_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        File.WriteAllBytes(item.PartPath, new byte[10_000]);
        new ResumeMarker(item.Path, "another-job", ResumeMarker.SourceKey(item.Source), null).Write();

        await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.Null(Assert.Single(cdn.Requests).Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(item.Path));
    }

    [Fact]
    public async Task AnHtmlPageIsNotSavedAsAVideo()
    {
        await using var cdn = RawHttpServer.Start(RawAnswer.Http(200, "<html>please log in</html>", "text/html"));
        var item = Item(cdn);

        var ex = await FailsAsync(() => Downloader().SaveAsync(item, null, ApiTest.Bounded()));

        Assert.Equal(DownloadFailure.InvalidResponse, ex.Kind);
        Assert.Single(cdn.Requests);
        Assert.DoesNotContain("clip.mp4", FilesLeft());
    }

    [Fact]
    public async Task RateLimitsAndServerErrorsAreRetriedThen404IsFinal()
    {
        byte[] content = FakeCdn.Content(10_000);
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r => Interlocked.Increment(ref calls) switch
        {
            1 => RawAnswer.Http(429, "slow down", "text/plain", "Retry-After: 0"),
            2 => RawAnswer.Http(502, "<html>bad gateway</html>", "text/html"),
            _ => FakeCdn.Serve(r, content),
        });
        var item = Item(cdn);
        var outcome = await Downloader().SaveAsync(item, null, ApiTest.Bounded());
        Assert.Equal(3, outcome.Requests);
        Assert.Equal(content, File.ReadAllBytes(item.Path));

        await using var gone = RawHttpServer.Start(RawAnswer.Http(404, "no", "text/plain"));
        var ex = await FailsAsync(() => Downloader().SaveAsync(Item(gone, "gone.mp4"), null, ApiTest.Bounded()));
        Assert.Equal(404, ex.HttpStatus);
        Assert.Single(gone.Requests);
    }

    [Fact]
    public async Task AStalledTransferTimesOutAndResumes()
    {
        byte[] content = FakeCdn.Content(40_000);
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r => Interlocked.Increment(ref calls) == 1
            ? RawAnswer.Custom(async (s, ct) =>
            {
                await FakeCdn.Partial(200, content, 0, 5_000).WriteAsync(s, ct);
                await s.FlushAsync(ct);
                await Task.Delay(Timeout.Infinite, ct); // says nothing more, keeps the connection open
            })
            : FakeCdn.Serve(r, content));
        var item = Item(cdn);

        var outcome = await Downloader(idleTimeoutMs: 300).SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal("bytes=5000-", cdn.Requests[1].Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Contains(_log, line => line.Contains("no data for"));
    }

    [Fact]
    public async Task CancellingMidTransferReturnsPromptlyAndLeavesNoFinalFile()
    {
        byte[] content = FakeCdn.Content(1_000_000);
        await using var cdn = RawHttpServer.Start(RawAnswer.Custom(async (s, ct) =>
        {
            await FakeCdn.Partial(200, content, 0, 100_000).WriteAsync(s, ct);
            await s.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        }));
        var item = Item(cdn);
        using var cancel = new CancellationTokenSource();

        var save = Downloader().SaveAsync(item, null, cancel.Token);
        await ApiTest.UntilAsync(() => Task.FromResult(File.Exists(item.PartPath) && new FileInfo(item.PartPath).Length >= 100_000), "the first 100 KB on disk");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancel took {watch.Elapsed}");
        Assert.Equal(new[] { "clip.mp4.part", "clip.mp4.part.json" }, FilesLeft());
        Assert.Equal(100_000, new FileInfo(item.PartPath).Length);
    }

    [Fact]
    public async Task ACompleteFileIsSkippedADifferentOneIsRefusedAndForceReplacesIt()
    {
        byte[] content = FakeCdn.Content(20_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        await Downloader().SaveAsync(item, null, ApiTest.Bounded());
        Assert.Single(cdn.Requests);

        var skipped = await Downloader().SaveAsync(Item(cdn), null, ApiTest.Bounded());
        Assert.True(skipped.Skipped);
        Assert.Single(cdn.Requests); // the sidecar proved it: no request at all

        // Someone else's file under that name: kept, and reported.
        File.Delete(item.Path + ".json");
        File.WriteAllBytes(item.Path, Encoding.ASCII.GetBytes("my holiday video"));
        var ex = await FailsAsync(() => Downloader().SaveAsync(Item(cdn), null, ApiTest.Bounded()));
        Assert.Equal(DownloadFailure.Conflict, ex.Kind);
        Assert.Equal("bytes=0-0", cdn.Requests.Last().Header("Range"));
        Assert.Equal("my holiday video", File.ReadAllText(item.Path));

        var forced = await Downloader().SaveAsync(Item(cdn, force: true), null, ApiTest.Bounded());
        Assert.False(forced.Skipped);
        Assert.Equal(content, File.ReadAllBytes(item.Path));
    }

    [Fact]
    public async Task AFileWithoutSidecarIsRecognisedByTheServersLength()
    {
        byte[] content = FakeCdn.Content(20_000);
        await using var cdn = RawHttpServer.Start(r => r.Header("Range") == "bytes=0-0"
            ? FakeCdn.Partial(206, content, 0, 1, $"Content-Range: bytes 0-0/{content.Length}")
            : FakeCdn.Serve(r, content));
        var item = Item(cdn);
        File.WriteAllBytes(item.Path, content);

        var outcome = await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.True(outcome.Skipped);
        Assert.Equal("bytes=0-0", Assert.Single(cdn.Requests).Header("Range"));
        using var sidecar = JsonDocument.Parse(File.ReadAllBytes(item.Path + ".json"));
        Assert.Equal(RequestId, sidecar.RootElement.GetProperty("request_id").GetString());
    }
}
