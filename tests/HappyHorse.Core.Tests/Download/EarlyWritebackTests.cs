using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Download;
using Xunit;

namespace HappyHorse.Core.Tests.Download;

/// <summary>
/// Writeback started while the bytes arrive (so the fsync before the rename finds little left):
/// every written range is handed to the OS once, in order, only after it is in the file, and the
/// final fsync of the whole file still comes before the rename.
/// </summary>
public sealed class EarlyWritebackTests : IDisposable
{
    private const string RequestId = "req-0003";
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-writeback-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private VideoDownload Item(RawHttpServer cdn) =>
        new(new Uri(cdn.RootUri, "/files/abc.mp4?sig=xyz"), Path.Combine(_folder, "clip.mp4"),
            new VideoSidecar { RequestId = RequestId, Model = "m", Status = "succeeded" });

    /// <summary>Each range asked for, with how long the file was at that moment; each fsync, with whether the final name existed.</summary>
    private sealed class Spy
    {
        public ConcurrentQueue<(long Offset, long Count, long FileLength)> Ranges { get; } = new();
        public ConcurrentQueue<(long Length, bool FinalNameExists)> Syncs { get; } = new();

        public TransferLimits Limits(VideoDownload item, long every) => new()
        {
            WritebackBytes = every,
            StartWriteback = (file, offset, count) => Ranges.Enqueue((offset, count, file.Length)),
            OpenFile = (path, mode) => new SyncSpy(path, mode, () => Syncs.Enqueue((new FileInfo(path).Length, File.Exists(item.Path)))),
        };
    }

    [Fact]
    public async Task EveryFullStretchOfTheFileIsHandedToTheDiskInOrderAndTheFsyncStillPrecedesTheRename()
    {
        byte[] content = FakeCdn.Content(1_000_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        var spy = new Spy();

        await new VideoDownloader(ApiTest.Fast(4, 15_000), null, spy.Limits(item, 100_000)).SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        var ranges = spy.Ranges.ToArray();
        Assert.NotEmpty(ranges);
        long next = 0;
        foreach (var (offset, count, fileLength) in ranges)
        {
            Assert.Equal(next, offset);
            Assert.True(count >= 100_000, $"a range of {count} bytes, shorter than the 100,000 asked for");
            Assert.True(fileLength >= offset + count, $"bytes {offset}-{offset + count} handed over while the file had {fileLength}");
            next = offset + count;
        }
        Assert.True(content.Length - next < 100_000 + RangeTransfer.BufferSize, $"the last {content.Length - next} bytes were never handed over early");
        Assert.Contains((1_000_000L, false), spy.Syncs);
    }

    [Fact]
    public async Task AResumedDownloadHandsOverOnlyTheBytesItWrites()
    {
        byte[] content = FakeCdn.Content(600_000);
        int calls = 0;
        await using var cdn = RawHttpServer.Start(r => Interlocked.Increment(ref calls) == 1 ? FakeCdn.Serve(r, content, cutAfter: 250_000) : FakeCdn.Serve(r, content));
        var item = Item(cdn);
        var spy = new Spy();

        var outcome = await new VideoDownloader(ApiTest.Fast(4, 15_000), null, spy.Limits(item, 50_000)).SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal(2, outcome.Requests);
        // The second request starts where the first left off: its ranges start there, never at 0 again.
        var ranges = spy.Ranges.ToArray();
        Assert.Single(ranges, r => r.Offset == 0);
        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.Second.Offset >= pair.First.Offset + pair.First.Count));
        Assert.Contains((600_000L, false), spy.Syncs);
    }

    [Fact]
    public async Task ZeroTurnsItOff()
    {
        byte[] content = FakeCdn.Content(300_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        var spy = new Spy();

        await new VideoDownloader(ApiTest.Fast(4, 15_000), null, spy.Limits(item, 0)).SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Empty(spy.Ranges);
        Assert.Contains((300_000L, false), spy.Syncs);
    }

    [Fact]
    public void TheRealCallAcceptsAnOpenPartFile()
    {
        string path = Path.Combine(_folder, "x.part");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1);
        file.Write(FakeCdn.Content(70_000), 0, 70_000);
        EarlyWriteback.Start(file, 0, 70_000);
        file.Write(FakeCdn.Content(10), 0, 10);
        file.Flush(true);
        Assert.Equal(70_010, new FileInfo(path).Length);
    }

    private sealed class SyncSpy(string path, FileMode mode, Action synced) : FileStream(path, mode, FileAccess.Write, FileShare.Read, 1)
    {
        public override void Flush(bool flushToDisk)
        {
            base.Flush(flushToDisk);
            if (flushToDisk) synced();
        }
    }
}
