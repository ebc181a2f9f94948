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
/// Hosts that never finish (a trickle, a body without end), bodies whose end proves nothing, and a
/// flush that must reach the disk before the rename. Time is the test's own clock, never a sleep.
/// </summary>
public sealed class EndlessAndAmbiguousDownloadTests : IDisposable
{
    private const string RequestId = "req-0002";
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-endless-").FullName;
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private VideoDownloader Downloader(TransferLimits? limits = null, int maxAttempts = 4, int idleTimeoutMs = 15_000) =>
        new(ApiTest.Fast(maxAttempts, idleTimeoutMs), _log.Enqueue, limits);

    private VideoDownload Item(RawHttpServer cdn, string name = "clip.mp4") =>
        new(new Uri(cdn.RootUri, "/files/abc.mp4?sig=xyz"), Path.Combine(_folder, name),
            new VideoSidecar { RequestId = RequestId, Model = "m", Status = "succeeded" });

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

    /// <summary>A clock that moves ten seconds every time it is read: each read of the body is ten seconds later.</summary>
    private static Func<TimeSpan> TenSecondsPerLook()
    {
        long looks = 0;
        return () => TimeSpan.FromSeconds(10 * Interlocked.Increment(ref looks));
    }

    private static byte[] Head(int status, params string[] headers) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Type: video/mp4\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "Connection: close\r\n\r\n");

    /// <summary>No Content-Length, no chunked framing: the body "ends" when the connection closes.</summary>
    private static RawAnswer CloseDelimited(byte[] content, int send) => RawAnswer.Custom(async (s, ct) =>
    {
        byte[] head = Head(200);
        await s.WriteAsync(head, ct);
        await s.WriteAsync(content.AsMemory(0, send), ct);
    });

    private static RawAnswer Chunked(byte[] content, int? stopAfter = null) => RawAnswer.Custom(async (s, ct) =>
    {
        await s.WriteAsync(Head(200, "Transfer-Encoding: chunked"), ct);
        int end = stopAfter ?? content.Length;
        for (int at = 0; at < end; at += 16_384)
        {
            int take = Math.Min(16_384, end - at);
            await s.WriteAsync(Encoding.ASCII.GetBytes($"{take:X}\r\n"), ct);
            await s.WriteAsync(content.AsMemory(at, take), ct);
            await s.WriteAsync("\r\n"u8.ToArray(), ct);
        }
        if (stopAfter.HasValue)
        {
            await s.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct); // no terminating chunk, ever
        }
        await s.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
    });

    [Fact]
    public async Task AHostThatTricklesIsGivenUpOnceItsAverageFallsBelowTheMinimum()
    {
        // One byte at a time, for ever; the idle timeout never fires because every read gets something.
        await using var cdn = RawHttpServer.Start(RawAnswer.Custom(async (s, ct) =>
        {
            await s.WriteAsync(Head(200, "Content-Length: 1000000"), ct);
            for (int i = 0; ; i++)
            {
                await s.WriteAsync(new[] { (byte)i }, ct);
                await s.FlushAsync(ct);
                await Task.Delay(10, ct); // pacing the trickle, not synchronising the test
            }
        }));
        var limits = new TransferLimits { MinBytesPerSecond = 1024, StallWindow = TimeSpan.FromSeconds(30), Clock = TenSecondsPerLook() };
        var item = Item(cdn);

        var ex = await FailsAsync(() => Downloader(limits).SaveAsync(item, null, ApiTest.Bounded()));

        Assert.Equal(DownloadFailure.Network, ex.Kind);
        Assert.False(ex.Retryable);
        ApiTest.Mentions(ex.Message, "1 KiB/s", "30 s");
        Assert.Single(cdn.Requests); // given up, not retried against the same trickle
        Assert.Equal(new[] { "clip.mp4.part", "clip.mp4.part.json" }, FilesLeft()); // kept: a later run resumes
    }

    [Fact]
    public void TheStallRuleAveragesOverTheWholeWindowAndCanBeTurnedOff()
    {
        var now = TimeSpan.Zero;
        var limits = new TransferLimits { MinBytesPerSecond = 1000, StallWindow = TimeSpan.FromSeconds(30), Clock = () => now };
        var watch = new StallWatch(limits, startBytes: 500);

        now = TimeSpan.FromSeconds(29);
        Assert.Null(watch.Check(600)); // far too slow, but the window is not over yet
        now = TimeSpan.FromSeconds(30);
        Assert.Null(watch.Check(500 + 30_000)); // exactly 1000 B/s over the window: fine, and a new window starts
        now = TimeSpan.FromSeconds(45);
        Assert.Null(watch.Check(500 + 30_000 + 29_000)); // a burst early in the window counts for all of it
        now = TimeSpan.FromSeconds(60);
        Assert.Null(watch.Check(500 + 30_000 + 29_999 + 1));
        now = TimeSpan.FromSeconds(95);
        string? stalled = watch.Check(500 + 60_000 + 34_999);
        Assert.NotNull(stalled);
        ApiTest.Mentions(stalled!, "34,999", "35 s");

        var off = new StallWatch(new TransferLimits { MinBytesPerSecond = 0, Clock = () => now }, 0);
        now = TimeSpan.FromHours(5);
        Assert.Null(off.Check(1));
    }

    [Fact]
    public async Task AnAnnouncedLengthAboveMaxBytesIsRefusedBeforeAnyByteIsWritten()
    {
        byte[] content = FakeCdn.Content(300_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);

        var ex = await FailsAsync(() => Downloader(new TransferLimits { MaxBytes = 100_000 }).SaveAsync(item, null, ApiTest.Bounded()));

        Assert.Equal(DownloadFailure.InvalidResponse, ex.Kind);
        Assert.False(ex.Retryable);
        ApiTest.Mentions(ex.Message, "300,000", "100,000", "-MaxBytes");
        Assert.Single(cdn.Requests);
        Assert.DoesNotContain("clip.mp4", FilesLeft());
        Assert.DoesNotContain("clip.mp4.part", FilesLeft());
    }

    [Fact]
    public async Task ABodyWithoutEndStopsAtMaxBytesAndLeavesNoJunk()
    {
        // Chunked, no length: 3 MB and then silence, so even code that does not count cannot fill the disk here.
        byte[] content = FakeCdn.Content(3_000_000);
        await using var cdn = RawHttpServer.Start(Chunked(content, stopAfter: content.Length));
        var item = Item(cdn);

        var ex = await FailsAsync(() => Downloader(new TransferLimits { MaxBytes = 1_000_000 }, idleTimeoutMs: 2_000).SaveAsync(item, null, ApiTest.Bounded(10)));

        Assert.Equal(DownloadFailure.InvalidResponse, ex.Kind);
        Assert.False(ex.Retryable);
        ApiTest.Mentions(ex.Message, "1,000,000", "-MaxBytes");
        Assert.Single(cdn.Requests);
        Assert.DoesNotContain("clip.mp4.part", FilesLeft());
        Assert.DoesNotContain("clip.mp4", FilesLeft());
    }

    [Fact]
    public async Task ABodyWithoutLengthThatClosesEarlyIsResumedNotSavedAsComplete()
    {
        byte[] content = FakeCdn.Content(20_000);
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r => Interlocked.Increment(ref calls) == 1 ? CloseDelimited(content, 8_000) : FakeCdn.Serve(r, content));
        var item = Item(cdn);

        var outcome = await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal(2, outcome.Requests);
        Assert.Equal("bytes=8000-", cdn.Requests[1].Header("Range"));
        Assert.Contains(_log, line => line.Contains("neither", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyWithoutLengthIsCompleteOnlyWhenTheServerConfirmsItsLength()
    {
        byte[] content = FakeCdn.Content(20_000);
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r => Interlocked.Increment(ref calls) == 1 ? CloseDelimited(content, content.Length) : FakeCdn.Serve(r, content));
        var item = Item(cdn);

        var outcome = await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal("bytes=20000-", cdn.Requests[1].Header("Range")); // answered 416 "bytes */20000": it is all there
        Assert.Equal(2, outcome.Requests);
    }

    [Fact]
    public async Task AHostThatNeverFramesItsBodyIsAnErrorNotAFile()
    {
        byte[] content = FakeCdn.Content(20_000);
        await using var cdn = RawHttpServer.Start(CloseDelimited(content, 5_000));
        var item = Item(cdn);

        var ex = await FailsAsync(() => Downloader(maxAttempts: 3).SaveAsync(item, null, ApiTest.Bounded()));

        ApiTest.Mentions(ex.Message, "neither", "Content-Length", "chunked");
        Assert.Equal(3, cdn.Requests.Count);
        Assert.DoesNotContain("clip.mp4", FilesLeft());
    }

    [Fact]
    public async Task AChunkedBodyThatEndsCleanlyIsCompleteInOneRequest()
    {
        byte[] content = FakeCdn.Content(50_000);
        await using var cdn = RawHttpServer.Start(Chunked(content));
        var item = Item(cdn);

        var outcome = await Downloader().SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal(1, outcome.Requests);
    }

    [Fact]
    public async Task TheVideoReachesTheDiskBeforeItTakesItsName()
    {
        byte[] content = FakeCdn.Content(30_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        var syncs = new ConcurrentQueue<(long Length, bool FinalNameExists)>();
        var limits = new TransferLimits { OpenFile = (path, mode) => new SyncSpy(path, mode, () => syncs.Enqueue((new FileInfo(path).Length, File.Exists(item.Path)))) };

        await Downloader(limits).SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Contains((30_000L, false), syncs);
    }

    /// <summary>Reports each Flush(true): the fsync that makes the bytes survive a power cut.</summary>
    private sealed class SyncSpy(string path, FileMode mode, Action synced) : FileStream(path, mode, FileAccess.Write, FileShare.Read, 1)
    {
        public override void Flush(bool flushToDisk)
        {
            base.Flush(flushToDisk);
            if (flushToDisk) synced();
        }
    }
}
