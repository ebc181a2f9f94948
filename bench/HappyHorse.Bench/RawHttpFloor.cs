using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HappyHorse.Bench;

/// <summary>
/// The HTTP floor: the same requests the module makes, sent by a bare HttpClient, <see cref="Parallel"/>
/// at once, each answer parsed as JSON. No PowerShell, no retries, no journal: what .NET itself
/// charges in CPU for one request on this machine.
/// </summary>
internal static class RawHttpFloor
{
    public const int Parallel = 16;
    private const string Model = "happyhorse/happyhorse-1.0/reference-to-video";

    /// <summary>POSTs <paramref name="count"/> rows' bodies and reads each request_id and status_url. Returns CPU per request and the status URLs.</summary>
    public static async Task<(double CpuMsPerRequest, List<string> StatusUrls)> SubmitAsync(Uri baseUri, string token, int count)
    {
        using HttpClient client = Create(token);
        string url = $"{baseUri.AbsoluteUri.TrimEnd('/')}/models/{Model}";
        var statusUrls = new string[count];
        double cpu = await RunAsync(count, async i =>
        {
            using var content = new StringContent(BenchRows.CurlBody(i), Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await client.PostAsync(url, content);
            await using Stream body = await response.Content.ReadAsStreamAsync();
            using JsonDocument receipt = await JsonDocument.ParseAsync(body);
            _ = receipt.RootElement.GetProperty("request_id").GetString();
            statusUrls[i] = receipt.RootElement.GetProperty("status_url").GetString()!;
        });
        return (cpu, statusUrls.ToList());
    }

    /// <summary>
    /// GETs each status URL once and reads its status, <paramref name="passes"/> times after untimed
    /// passes that warm it, each timed pass once the JIT is quiet. Returns the median CPU per request:
    /// one pass of 2,000 GETs moved between 0.15 and 0.27 ms from run to run, more than the module did.
    /// </summary>
    public static async Task<(double Median, double[] Passes, int Warmed)> StatusAsync(string token, IReadOnlyList<string> statusUrls, int passes = 5)
    {
        using HttpClient client = Create(token);
        Task Get(int i) => GetStatusAsync(client, statusUrls[i]);
        int warmed = await WarmAsync(statusUrls.Count, Get);
        var cpu = new double[passes];
        for (int p = 0; p < passes; p++)
        {
            JitQuiet.Wait();
            cpu[p] = await RunAsync(statusUrls.Count, Get);
        }
        return (cpu.Order().ElementAt(passes / 2), cpu, warmed);
    }

    /// <summary>
    /// The same GETs paced as a poller sends them: every 50 ms, the requests due in it (at most
    /// <see cref="Parallel"/> in flight), <paramref name="perSecond"/> a second for <paramref name="seconds"/>,
    /// after an untimed second. Answers that come in small bursts leave the thread pool idle between them,
    /// which a tight loop never does. Returns CPU per request and the rate it kept.
    /// </summary>
    public static async Task<(double MsPerRequest, double SentPerSecond)> PacedStatusAsync(string token, IReadOnlyList<string> statusUrls, double perSecond, double seconds, int stepMs = 50)
    {
        using HttpClient client = Create(token);
        using var slots = new SemaphoreSlim(Parallel);
        int next = 0;
        async Task Get()
        {
            try
            {
                await GetStatusAsync(client, statusUrls[Interlocked.Increment(ref next) % statusUrls.Count]);
            }
            finally
            {
                slots.Release();
            }
        }
        async Task<int> Run(double forSeconds)
        {
            var watch = Stopwatch.StartNew();
            var inFlight = new List<Task>();
            int sent = 0;
            while (watch.Elapsed.TotalSeconds < forSeconds)
            {
                int due = (int)(watch.Elapsed.TotalSeconds * perSecond) - sent;
                for (int i = 0; i < due; i++, sent++)
                {
                    await slots.WaitAsync();
                    inFlight.Add(Get());
                }
                await Task.Delay(stepMs);
            }
            await Task.WhenAll(inFlight);
            return sent;
        }
        await Run(1);
        JitQuiet.Wait();
        TimeSpan before = ClientMeter.Cpu;
        var watch = Stopwatch.StartNew();
        int requests = await Run(seconds);
        // The rate it kept says whether the server let it pace as asked: slow answers fill the slots and hold it back.
        return ((ClientMeter.Cpu - before).TotalMilliseconds / requests, requests / watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Untimed passes until one leaves (almost) nothing for the runtime to compile (at most <see cref="MaxWarmPasses"/>;
    /// the count is the whole process's, so the bench's own sampling may add a method or two).
    /// After a single one, the timed passes still ran code being tiered up (instrumented, then
    /// optimised at its 60th call, counted only after 100 ms without new code): a storm run's five
    /// read 0.078, 0.060, 0.045, 0.038 and 0.038 ms a request, and `pacing --client`'s six 0.086,
    /// 0.074, 0.048, 0.042, 0.045 and 0.049. The median then fell on either side by chance.
    /// </summary>
    internal static async Task<int> WarmAsync(int count, Func<int, Task> request)
    {
        for (int pass = 1; ; pass++)
        {
            JitQuiet.Wait();
            long before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await RunAsync(count, request);
            JitQuiet.Wait();
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - before <= 3 || pass == MaxWarmPasses) return pass;
        }
    }

    private const int MaxWarmPasses = 6;

    /// <summary>One status GET, its answer parsed as JSON and its status read.</summary>
    internal static async Task GetStatusAsync(HttpClient client, string url)
    {
        using HttpResponseMessage response = await client.GetAsync(url);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        using JsonDocument status = await JsonDocument.ParseAsync(body);
        _ = status.RootElement.GetProperty("status").GetString();
    }

    internal static HttpClient Create(string token)
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs <paramref name="request"/> for 0..count-1, <see cref="Parallel"/> at once; CPU ms per request.</summary>
    internal static async Task<double> RunAsync(int count, Func<int, Task> request)
    {
        // Warm the connections and the JIT outside the measurement.
        await Task.WhenAll(Enumerable.Range(0, Math.Min(count, Parallel)).Select(request));
        TimeSpan before = ClientMeter.Cpu;
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) await request(i);
        }));
        return (ClientMeter.Cpu - before).TotalMilliseconds / count;
    }
}
