using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading.Tasks;
using HappyHorse.Download;
using Xunit;

namespace HappyHorse.Core.Tests.Download;

/// <summary>
/// A download reads in chunks of up to <see cref="RangeTransfer.BufferSize"/> and asks the progress
/// gate on every read; what it lets through becomes a post to the pipeline thread and a progress
/// record in Save-HHVideo, so it must follow the clock (four a second), never the chunks. The clock
/// here is the test's (<see cref="TransferLimits.Clock"/>), so nothing depends on the machine's speed.
/// </summary>
public sealed class ProgressGateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-progress-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void TheGateOpensOncePerQuarterSecondOfItsClockWhateverTheCallsAndTheFinalCountAlwaysPasses()
    {
        var now = TimeSpan.FromSeconds(10);
        var seen = new ConcurrentQueue<long>();
        var gate = new ProgressThrottle((bytes, _) => seen.Enqueue(bytes), () => now);

        for (int i = 1; i <= 1000; i++) gate.Report(i, 5000);
        now += TimeSpan.FromMilliseconds(249);
        gate.Report(1001, 5000);
        now += TimeSpan.FromMilliseconds(1);
        gate.Report(1002, 5000);
        gate.Report(1003, 5000);
        gate.Final(5000, 5000);

        Assert.Equal(new long[] { 1, 1002, 5000 }, seen.ToArray());
    }

    [Fact]
    public async Task ADownloadOfManyChunksReportsByTheClockNotPerChunk()
    {
        byte[] content = FakeCdn.Content(3_000_000);
        Assert.True(content.Length / RangeTransfer.BufferSize >= 10, "the body must take many reads for this test to mean anything");
        await using var cdn = RawHttpServer.Start(r => FakeCdn.Serve(r, content));
        var item = new VideoDownload(new Uri(cdn.RootUri, "/files/many.mp4"), Path.Combine(_folder, "many.mp4"), new VideoSidecar { RequestId = "req-0005" });
        var reports = new ConcurrentQueue<(long Bytes, long? Total)>();
        // A clock that never moves: only the first read and the final count may pass.
        var limits = new TransferLimits { Clock = () => TimeSpan.FromSeconds(1) };

        await new VideoDownloader(ApiTest.Fast(4, 15_000), null, limits).SaveAsync(item, (bytes, total) => reports.Enqueue((bytes, total)), ApiTest.Bounded());

        Assert.Equal(content, File.ReadAllBytes(item.Path));
        var seen = reports.ToArray();
        Assert.Equal(2, seen.Length);
        Assert.True(seen[0].Bytes > 0 && seen[0].Bytes < content.Length, $"the first report said {seen[0].Bytes} bytes");
        Assert.Equal((content.Length, (long?)content.Length), (seen[1].Bytes, seen[1].Total));
    }
}
