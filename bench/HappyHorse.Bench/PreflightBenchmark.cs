using System.Diagnostics;
using HappyHorse.Emulator;
using HappyHorse.Preflight;

namespace HappyHorse.Bench;

/// <summary>
/// Reference-image preflight of a big CSV: rows × images per row, drawn from a pool of distinct
/// URLs on the emulator's image host with added latency (a far-away CDN). Shows what the bounded
/// concurrency and the per-URL cache buy. Options: --rows N (500) --per-row N (3) --distinct N (150)
/// --latency-ms N (80) --concurrency N (8).
/// </summary>
internal static class PreflightBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int rows = Option(args, "--rows", 500);
        int perRow = Option(args, "--per-row", 3);
        int distinct = Option(args, "--distinct", 150);
        int latency = Option(args, "--latency-ms", 80);
        int concurrency = Option(args, "--concurrency", 8);

        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions());
        string root = server.RootUri.AbsoluteUri.TrimEnd('/');
        string Url(int i) => i % 10 == 0
            ? $"{root}/images/big{i}.jpg?size={11 * 1024 * 1024}" // every tenth: too big, and must not be downloaded
            : $"{root}/images/img{i}.{(i % 3 == 0 ? "png" : i % 3 == 1 ? "jpg" : "webp")}?w={400 + i}&h={400 + 2 * i}";

        using (var warm = new ReferenceImagePreflight()) await warm.CheckAsync(new[] { Url(1) }, CancellationToken.None);
        server.Reset();
        server.Options.Faults.SetLatency(EmulatorEndpoint.Image, latency);

        var random = new Random(1);
        var batch = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, perRow).Select(_ => Url(random.Next(distinct))).ToArray()).ToArray();
        var watch = Stopwatch.StartNew();
        using var preflight = new ReferenceImagePreflight(new PreflightOptions { MaxConcurrency = concurrency });
        var results = await Task.WhenAll(batch.Select(row => preflight.CheckAsync(row, CancellationToken.None)));
        watch.Stop();

        int failedRows = results.Count(r => r.Count > 0);
        long requests = server.Accounting.RequestCount(EmulatorEndpoint.Image);
        double serial = (double)rows * perRow * latency / 1000;
        Console.WriteLine();
        Console.WriteLine($"Preflight benchmark — {rows} rows × {perRow} images, {distinct} distinct URLs, {latency} ms host latency, concurrency {concurrency}");
        Console.WriteLine();
        Console.WriteLine($"elapsed {watch.Elapsed.TotalSeconds:F2} s (one request per image in series would take ≥ {serial:F0} s)");
        Console.WriteLine($"image requests {requests} for {rows * perRow} image cells; peak concurrent {server.Accounting.PeakConcurrentRequests}; " +
                          $"bytes sent by host {server.Accounting.ImageBytesSent:N0}; rows failing {failedRows}");
        bool ok = requests <= distinct && server.Accounting.PeakConcurrentRequests <= concurrency && server.Accounting.ImageBytesSent < distinct * 64L * 1024;
        Console.WriteLine(ok ? "ok: each URL fetched once, concurrency bounded, no big file downloaded" : "TARGET MISSED");
        return ok ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int value) ? value : fallback;
    }
}
