using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Download;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace HappyHorse.Core.Tests.Download;

/// <summary>
/// The flush that runs beside a download (so the fsync before the rename finds little left): one at
/// a time, only after enough new bytes, waited for before the final fsync; its failure is the
/// download's failure and deletes the ".part" file, since the final fsync (or a later run's) would
/// not see an error the background one already took.
/// </summary>
public sealed class BackgroundFlushTests : IDisposable
{
    private const string RequestId = "req-0003";
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-flush-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private VideoDownload Item(RawHttpServer cdn) =>
        new(new Uri(cdn.RootUri, "/files/abc.mp4?sig=xyz"), Path.Combine(_folder, "clip.mp4"),
            new VideoSidecar { RequestId = RequestId, Model = "m", Status = "succeeded" });

    /// <summary>A clock that never moves: progress is reported for the first chunk and at the end only.</summary>
    private static TransferLimits Limits(long every, Func<SafeFileHandle, bool>? flush, Action? finalFsync = null) => new()
    {
        FlushBytes = every,
        FlushInBackground = flush,
        Clock = () => TimeSpan.Zero,
        OpenFile = (path, mode) => new SyncSpy(path, mode, finalFsync ?? (() => { })),
    };

    [Fact]
    public async Task AFlushThatIsStillRunningStartsNoOtherAndTheFinalFsyncWaitsForIt()
    {
        byte[] content = FakeCdn.Content(1_000_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        var events = new ConcurrentQueue<string>();
        using var allWritten = new ManualResetEventSlim();
        var limits = Limits(100_000,
            handle =>
            {
                events.Enqueue("flush started");
                // Held until every byte is in the file: the download runs on meanwhile, and must start no second flush.
                Assert.True(allWritten.Wait(TimeSpan.FromSeconds(30)), "the download never reported its last byte");
                events.Enqueue("flush ended");
                return true;
            },
            () => events.Enqueue(File.Exists(item.Path) ? "fsync after the rename" : "final fsync"));

        await new VideoDownloader(ApiTest.Fast(4, 15_000), null, limits)
            .SaveAsync(item, (bytes, total) => { if (bytes == total) allWritten.Set(); }, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal(new[] { "flush started", "flush ended", "final fsync" }, events.ToArray());
    }

    [Fact]
    public async Task ABackgroundFlushThatFailsFailsTheSaveAsADiskErrorAndDeletesThePartFile()
    {
        byte[] content = FakeCdn.Content(500_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        var limits = Limits(100_000, _ => throw new IOException("EIO from the disk"));

        var ex = await Assert.ThrowsAsync<DownloadException>(() => new VideoDownloader(ApiTest.Fast(4, 15_000), null, limits).SaveAsync(item, null, ApiTest.Bounded()));

        Assert.Equal(DownloadFailure.Disk, ex.Kind);
        Assert.False(ex.Retryable);
        Assert.Contains("flushing", ex.Message);
        Assert.Contains("EIO from the disk", ex.Message);
        Assert.Contains("partial file was deleted", ex.Message);
        Assert.False(File.Exists(item.Path));
        Assert.False(File.Exists(item.PartPath));
    }

    [Fact]
    public async Task CtrlCDoesNotWaitForAFlushStillRunning()
    {
        byte[] content = FakeCdn.Content(1_000_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        using var stop = new CancellationTokenSource();
        var release = new ManualResetEventSlim();
        var ended = new ManualResetEventSlim();
        var limits = Limits(100_000, _ =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            ended.Set();
            return true;
        });

        // Every byte is in the file and the flush started on the first 100,000 still runs: Ctrl+C now.
        var save = new VideoDownloader(ApiTest.Fast(4, 15_000), null, limits)
            .SaveAsync(item, (bytes, total) => { if (bytes == total) stop.Cancel(); }, stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save);
        Assert.False(ended.IsSet, "the stop waited for the flush");
        Assert.False(File.Exists(item.Path));
        release.Set();
        Assert.True(ended.Wait(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A filesystem that cannot flush (the flush says false) gets no second try; FlushBytes 0 asks for none.</summary>
    [Theory]
    [InlineData(1, false, 1)]
    [InlineData(0, true, 0)]
    public async Task WhereNoFlushCanRunTheFinalFsyncDoesItAll(long every, bool canFlush, int expectedFlushes)
    {
        byte[] content = FakeCdn.Content(1_000_000);
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = Item(cdn);
        int flushes = 0, fsyncs = 0;

        await new VideoDownloader(ApiTest.Fast(4, 15_000), null, Limits(every, _ => { Interlocked.Increment(ref flushes); return canFlush; }, () => fsyncs++))
            .SaveAsync(item, null, ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        Assert.Equal(expectedFlushes, flushes);
        Assert.Equal(1, fsyncs);
    }

    [Fact]
    public async Task OnlyBytesWrittenSinceTheLastStartCountAndNoneBeforeTheTransferBegan()
    {
        using var file = new FileStream(Path.Combine(_folder, "x.part"), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1);
        int flushes = 0;
        // A resumed transfer: 250,000 bytes were there before it began.
        var flush = new BackgroundFlush(file, "x.part", 50_000, _ => Interlocked.Increment(ref flushes) > 0, startedAt: 250_000);

        // The file's length after a write, and how many flushes have run once it is told and waited for.
        foreach (var (length, expected) in new[] { (299_999L, 0), (300_000L, 1), (349_999L, 1), (350_000L, 2) })
        {
            flush.Written(length);
            await flush.FinishAsync(CancellationToken.None);
            Assert.Equal(expected, flushes);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnAbandonedTransferDeletesThePartFileOnlyIfTheFlushStillRunningFails(bool fails)
    {
        string path = Path.Combine(_folder, "x.part");
        using var release = new ManualResetEventSlim();
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1))
        {
            var flush = new BackgroundFlush(file, path, 10, _ =>
            {
                release.Wait(TimeSpan.FromSeconds(30));
                return fails ? throw new IOException("EIO") : true;
            }, 0);
            flush.Written(10);

            // The connection broke while the flush ran: the transfer gives up without waiting for it.
            Task settled = flush.Abandon();
            Assert.False(settled.IsCompleted);
            release.Set();
            await settled;
        }

        Assert.Equal(!fails, File.Exists(path));
    }

    [Fact]
    public void TheRealFlushSyncsAnOpenFileOnLinuxAndDeclinesWhatCannotBeFlushed()
    {
        Assert.Equal(RuntimeInformation.IsOSPlatform(OSPlatform.Linux), BackgroundFlush.Default != null);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        string path = Path.Combine(_folder, "x.part");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1);
        file.Write(FakeCdn.Content(70_000), 0, 70_000);
        var handle = file.SafeFileHandle;

        Assert.True(BackgroundFlush.FlushData(handle));
        file.Dispose();
        Assert.False(BackgroundFlush.FlushData(handle)); // closed meanwhile: nothing to do, no error
        Assert.Equal(70_000, new FileInfo(path).Length);

        // A character device: fdatasync says EINVAL, as a filesystem without it does.
        using var devNull = new FileStream("/dev/null", FileMode.Open, FileAccess.Write);
        Assert.False(BackgroundFlush.FlushData(devNull.SafeFileHandle));
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
