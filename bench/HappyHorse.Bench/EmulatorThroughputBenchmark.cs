using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HappyHorse.Emulator;

namespace HappyHorse.Bench;

/// <summary>
/// Emulator throughput over real loopback HTTP, client and server in one process (so the client's
/// cost counts against the same cores): submissions/s, then status polls/s with 10,000 live jobs.
/// Options: --submissions N (20000) --live N (10000) --concurrency N (32) --seconds S (5).
/// </summary>
internal static class EmulatorThroughputBenchmark
{
    private const string Model = "happyhorse/happyhorse-1.0/reference-to-video";

    public static async Task<int> RunAsync(string[] args)
    {
        int submissions = Option(args, "--submissions", 20_000);
        int live = Option(args, "--live", 10_000);
        int concurrency = Option(args, "--concurrency", 32);
        int seconds = Option(args, "--seconds", 5);

        // TimeScale 1000: a 5 s job takes 83 min, so every submitted job stays live for the whole run.
        var options = new EmulatorOptions { Workers = 4, TimeScale = 1000 };
        await using EmulatorServer server = await EmulatorServer.StartAsync(options);
        using HttpClient client = CreateClient(concurrency);
        string submitUrl = $"{server.BaseUri}/models/{Model}";

        await SubmitManyAsync(client, submitUrl, 10_000, concurrency); // warm-up: JIT, connections
        server.Reset();

        Measurement submit = await SubmitManyAsync(client, submitUrl, submissions, concurrency);
        server.Reset();

        long memoryBefore = ManagedMemory();
        Measurement fill = await SubmitManyAsync(client, submitUrl, live, concurrency);
        long memoryAfter = ManagedMemory();
        Measurement poll = await PollAsync(client, server, fill.Ids, concurrency, TimeSpan.FromSeconds(seconds));

        Console.WriteLine();
        Console.WriteLine($"HappyHorse emulator benchmark — {Environment.ProcessorCount} cores, concurrency {concurrency}, loopback HTTP/1.1, client in-process");
        Console.WriteLine();
        Console.WriteLine("| phase                              | requests | seconds |   req/s | p50 ms | p99 ms | errors |");
        Console.WriteLine("|------------------------------------|---------:|--------:|--------:|-------:|-------:|-------:|");
        Row("submit (accept + validate + queue)", submit);
        Row($"submit to fill {live:N0} live jobs", fill);
        Row($"status poll, {live:N0} live jobs", poll);
        Console.WriteLine();
        Console.WriteLine($"managed memory for {live:N0} live jobs: {(memoryAfter - memoryBefore) / 1024.0 / 1024.0:F1} MiB " +
                          $"({(memoryAfter - memoryBefore) / (double)live:F0} B/job); process working set {Environment.WorkingSet / 1024 / 1024} MiB");
        Console.WriteLine($"server counters: accepted {server.Accounting.AcceptedSubmissions:N0}, status requests {server.Accounting.RequestCount(EmulatorEndpoint.Status):N0}, peak concurrent {server.Accounting.PeakConcurrentRequests}");
        bool ok = submit.PerSecond >= 2_000 && submit.Errors == 0 && poll.Errors == 0;
        Console.WriteLine(ok ? "target met: >= 2,000 submissions/s with no errors" : "TARGET MISSED");
        return ok ? 0 : 1;
    }

    private static async Task<Measurement> SubmitManyAsync(HttpClient client, string url, int count, int concurrency)
    {
        var ids = new string[count];
        int next = -1;
        var result = await RunWorkersAsync(concurrency, async latencies =>
        {
            int errors = 0;
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                // Distinct prompts, as a real batch would send (duplicates are counted separately).
                string body = $$"""{"prompt": "character1 walks, take {{i}}", "image_url_1": "https://example.com/c1.png", "duration": 5}""";
                long start = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
                byte[] bytes = await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) { errors++; continue; }
                using JsonDocument json = JsonDocument.Parse(bytes);
                ids[i] = json.RootElement.GetProperty("request_id").GetString()!;
            }
            return errors;
        }, stopAfter: null);
        return result with { Ids = ids };
    }

    private static Task<Measurement> PollAsync(HttpClient client, EmulatorServer server, string[] ids, int concurrency, TimeSpan duration)
    {
        string baseUrl = server.BaseUri.ToString();
        return RunWorkersAsync(concurrency, async latencies =>
        {
            int errors = 0;
            var random = new Random(latencies.GetHashCode());
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < duration)
            {
                string id = ids[random.Next(ids.Length)];
                long start = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.GetAsync($"{baseUrl}/requests/{id}/status");
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) errors++;
            }
            return errors;
        }, stopAfter: duration);
    }

    private static async Task<Measurement> RunWorkersAsync(int concurrency, Func<List<double>, Task<int>> worker, TimeSpan? stopAfter)
    {
        var perWorker = Enumerable.Range(0, concurrency).Select(_ => new List<double>()).ToArray();
        var watch = Stopwatch.StartNew();
        int[] errors = await Task.WhenAll(perWorker.Select(latencies => Task.Run(() => worker(latencies))));
        double elapsed = watch.Elapsed.TotalSeconds;
        double[] all = perWorker.SelectMany(l => l).Order().ToArray();
        return new Measurement(all.Length, elapsed, errors.Sum(), Percentile(all, 0.50), Percentile(all, 0.99), []);
    }

    private static HttpClient CreateClient(int concurrency)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "demo-token");
        return client;
    }

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

    private static void Row(string phase, Measurement m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {phase,-34} | {m.Requests,8:N0} | {m.Seconds,7:F2} | {m.PerSecond,7:N0} | {m.P50,6:F2} | {m.P99,6:F2} | {m.Errors,6} |"));

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Measurement(int Requests, double Seconds, int Errors, double P50, double P99, string[] Ids)
    {
        public double PerSecond => Requests / Seconds;
    }
}
