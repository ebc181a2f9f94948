namespace HappyHorse.Bench;

/// <summary>
/// Not a figure of the issue: the measurements behind the waiter's shape, kept so they can be run
/// again. Status GETs against an emulator (one worker, so every job stays queued):
/// by default a bare HttpClient sends --rate requests a second in steps of 50, 100, 250, 500 and
/// 1,000 ms (the runtime pays per wake-up, not per request); --client compares RunComfyClient with a
/// bare HttpClient in a tight loop (what the HTTP core adds); --waiter runs JobWaiter alone on 10,000
/// queued jobs, without PowerShell (what the engine costs). Options: --rate R (420) --seconds S (10)
/// --latency-ms L (0).
/// </summary>
internal static class PacingExperiment
{
    public static async Task<int> RunAsync(string[] argv)
    {
        if (await SelfProcess.RerunWithWorkstationGcAsync(["pacing", .. argv]) is int code) return code;
        var args = new BenchArgs(argv);
        double rate = args.Double("--rate", 420);
        double seconds = args.Double("--seconds", 10);
        int latency = args.Int("--latency-ms", 0);
        await using EmulatorProcess emulator = await EmulatorProcess.StartAsync(1, 1, 0);
        var (_, urls) = await RawHttpFloor.SubmitAsync(emulator.BaseUri, EmulatorProcess.Token, 2000);
        await emulator.SetLatencyAsync(latency);
        if (args.Flag("--waiter"))
        {
            var client = new HappyHorse.Api.RunComfyClient(emulator.BaseUri, HappyHorse.Api.ApiCredential.FromPlainText(EmulatorProcess.Token));
            var (_, more) = await RawHttpFloor.SubmitAsync(emulator.BaseUri, EmulatorProcess.Token, 8000);
            var all = urls.Concat(more).Select(u => u.Split('/')[^2]).ToList();
            int events = 0;
            using var waiter = new HappyHorse.Waiting.JobWaiter(new HappyHorse.Waiting.WaitOptions(), _ => Interlocked.Increment(ref events), CancellationToken.None);
            var at = DateTimeOffset.UtcNow;
            foreach (string id in all) waiter.Add(new HappyHorse.Waiting.WaitTicket(client, id, at, null));
            await Task.Delay(TimeSpan.FromSeconds(10));
            for (int w = 0; w < 3; w++)
            {
                JitQuiet.Wait();
                var s0 = await emulator.StatsAsync();
                TimeSpan c0 = ClientMeter.Cpu;
                await Task.Delay(TimeSpan.FromSeconds(seconds));
                var s1 = await emulator.StatsAsync();
                double cpu = (ClientMeter.Cpu - c0).TotalMilliseconds;
                long n = s1.Status + s1.Result - s0.Status - s0.Result;
                Console.WriteLine($"JobWaiter alone, {all.Count} queued, latency {latency}: {n / seconds:F0} requests/s, {cpu / n:F3} ms CPU per request");
            }
            return 0;
        }
        if (args.Flag("--client"))
        {
            var client = new HappyHorse.Api.RunComfyClient(emulator.BaseUri, HappyHorse.Api.ApiCredential.FromPlainText(EmulatorProcess.Token));
            var ids = urls.Select(u => u.Split('/')[^2]).ToList();
            for (int pass = 0; pass < 6; pass++)
            {
                var (bare, _) = await RawHttpFloor.StatusAsync(EmulatorProcess.Token, urls, 1);
                JitQuiet.Wait();
                double module = await TightAsync(ids, id => client.GetStatusAsync(id, CancellationToken.None));
                Console.WriteLine($"tight loop, 16 at once: bare {bare:F3} ms, RunComfyClient.GetStatusAsync {module:F3} ms per request");
            }
            return 0;
        }
        foreach (int step in new[] { 50, 100, 250, 500, 1000, 50 })
        {
            double ms = await RawHttpFloor.PacedStatusAsync(EmulatorProcess.Token, urls, rate, seconds, step);
            Console.WriteLine($"step {step,5} ms at {rate}/s, latency {latency}: {ms:F3} ms per request");
        }
        return 0;
    }

    private static async Task<double> TightAsync(List<string> ids, Func<string, Task> request)
    {
        await Task.WhenAll(ids.Take(16).Select(request));
        TimeSpan before = ClientMeter.Cpu;
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Count) await request(ids[i]);
        }));
        return (ClientMeter.Cpu - before).TotalMilliseconds / ids.Count;
    }
}
