namespace HappyHorse.Bench;

/// <summary>
/// Not a figure of the issue: the measurements behind the waiter's shape, kept so they can be run
/// again. Status GETs against an emulator (one worker, so every job stays queued):
/// by default a bare HttpClient sends --rate requests a second in steps of 50, 100, 250, 500 and
/// 1,000 ms (the runtime pays per wake-up, not per request); --client compares RunComfyClient with a
/// bare HttpClient in a tight loop (what the HTTP core adds, in CPU and bytes allocated, and the
/// runtime's allocation sampling by type); --dispatcher sends bare GETs through PollDispatcher on the
/// spreader's marks (what the sending pattern costs); --waiter runs JobWaiter alone on 10,000 queued
/// jobs, without PowerShell (what the engine costs; with --session, beside an open PowerShell session
/// that imported the module); --cmdlet runs Wait-HHJob on those jobs in a hosted session (the storm's
/// waiting without its submitting). Options: --rate R (420) --seconds S (10)
/// --latency-ms L (0) --slots N (16: requests in flight for --dispatcher and --waiter; on 2026-12-02,
/// third windows of --dispatcher read 0.086 ms a request with 4, 0.069–0.074 with 16, 0.058 with 32
/// and 0.053–0.054 with 64 or 160: answers that come back together share a wake of the thread pool).
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
        if (args.Flag("--dispatcher"))
        {
            // The waiter's sending without its answers' handling: bare GETs, each job placed again on
            // the spreader's marks as a queued job is.
            using HttpClient http = RawHttpFloor.Create(EmulatorProcess.Token);
            var all = await TenThousandAsync(emulator, urls);
            var spreader = new HappyHorse.Waiting.PollSpreader(TimeSpan.FromSeconds(2));
            var client = ModuleClient(emulator);
            var urlOf = new Dictionary<HappyHorse.Waiting.WaitTicket, string>();
            HappyHorse.Waiting.PollDispatcher? dispatcher = null;
            using var stop = new CancellationTokenSource();
            async Task Poll(HappyHorse.Waiting.WaitTicket t, CancellationToken ct)
            {
                await RawHttpFloor.GetStatusAsync(http, urlOf[t]);
                long now = DateTimeOffset.UtcNow.UtcTicks;
                long at;
                lock (spreader) at = spreader.Place(now + TimeSpan.TicksPerSecond * 30, now, all.Count);
                dispatcher!.Enqueue(at, t);
            }
            // As the waiter does: polls that came due during a stall are placed again.
            void PlaceLate(List<HappyHorse.Waiting.WaitTicket> late)
            {
                long now = DateTimeOffset.UtcNow.UtcTicks;
                foreach (var t in late)
                {
                    long at;
                    lock (spreader) at = spreader.PlaceLate(t, now, all.Count);
                    dispatcher!.Enqueue(at, t);
                }
            }
            dispatcher = new HappyHorse.Waiting.PollDispatcher(args.Int("--slots", 16), Poll, PlaceLate, stop.Token);
            long start = DateTimeOffset.UtcNow.UtcTicks;
            foreach (string u in all)
            {
                var t = new HappyHorse.Waiting.WaitTicket(client, IdOf(u), null, null);
                urlOf[t] = u;
                long at;
                lock (spreader) at = spreader.Place(start + TimeSpan.TicksPerSecond * 2, start, all.Count);
                dispatcher.Enqueue(at, t);
            }
            await WindowsAsync(emulator, seconds, $"PollDispatcher with bare GETs, {all.Count} jobs, latency {latency}");
            stop.Cancel();
            return 0;
        }
        if (args.Flag("--cmdlet"))
        {
            // The storm's waiting without its submitting: Wait-HHJob in a hosted session on the same 10,000 ids.
            var all = await TenThousandAsync(emulator, urls);
            using ModuleSession session = ModuleSession.Open();
            session.SetVariable("t", EmulatorProcess.Token);
            session.SetVariable("b", emulator.BaseUri.AbsoluteUri);
            session.SetVariable("ids", all.Select(IdOf).ToArray());
            using RunningPipeline pipeline = session.Start("$ids | Wait-HHJob -Token $t -BaseUri $b -PollInterval 2");
            await WindowsAsync(emulator, seconds, $"Wait-HHJob, {all.Count} queued, latency {latency}");
            pipeline.Stop();
            await pipeline.Completion;
            return 0;
        }
        if (args.Flag("--waiter"))
        {
            // --session: the same, in a process that has also opened a PowerShell session with the module.
            using ModuleSession? session = args.Flag("--session") ? ModuleSession.Open() : null;
            var client = ModuleClient(emulator);
            var all = await TenThousandAsync(emulator, urls);
            using var waiter = new HappyHorse.Waiting.JobWaiter(new HappyHorse.Waiting.WaitOptions { MaxConcurrentRequests = args.Int("--slots", 16) }, _ => { }, CancellationToken.None);
            var at = DateTimeOffset.UtcNow;
            foreach (string u in all) waiter.Add(new HappyHorse.Waiting.WaitTicket(client, IdOf(u), at, null));
            await WindowsAsync(emulator, seconds, $"JobWaiter alone, {all.Count} queued, latency {latency}");
            return 0;
        }
        if (args.Flag("--client"))
        {
            var client = ModuleClient(emulator);
            var ids = urls.Select(IdOf).ToList();
            using var ticks = new AllocationTicks();
            for (int pass = 0; pass < 6; pass++)
            {
                long a0 = GC.GetTotalAllocatedBytes(true);
                var (bare, _, _) = await RawHttpFloor.StatusAsync(EmulatorProcess.Token, urls, 1);
                long a1 = GC.GetTotalAllocatedBytes(true);
                JitQuiet.Wait();
                long a2 = GC.GetTotalAllocatedBytes(true);
                ticks.On = pass >= 2;
                double module = await RawHttpFloor.RunAsync(ids.Count, i => client.GetStatusAsync(ids[i], CancellationToken.None));
                long a3 = GC.GetTotalAllocatedBytes(true);
                ticks.On = false;
                Console.WriteLine($"tight loop, 16 at once: bare {bare:F3} ms ({(a1 - a0) / (2.0 * (urls.Count + 16)):F0} B), RunComfyClient.GetStatusAsync {module:F3} ms ({(a3 - a2) / (ids.Count + 16.0):F0} B) per request");
            }
            foreach (var (type, bytes) in ticks.Top(25)) Console.WriteLine($"  {bytes / 1024,8:N0} KB  {type}");
            return 0;
        }
        foreach (int step in new[] { 50, 100, 250, 500, 1000, 50 })
        {
            var (ms, sent) = await RawHttpFloor.PacedStatusAsync(EmulatorProcess.Token, urls, rate, seconds, step);
            Console.WriteLine($"step {step,5} ms at {rate}/s (sent {sent:F0}/s), latency {latency}: {ms:F3} ms per request");
        }
        return 0;
    }

    /// <summary>After 10 s to settle, three windows of status and result requests, each once the JIT is quiet: requests a second and CPU per request.</summary>
    private static async Task WindowsAsync(EmulatorProcess emulator, double seconds, string label)
    {
        using var jit = Environment.GetEnvironmentVariable("HH_BENCH_JIT_NAMES") == "1" ? new JitLog(names: true) : null;
        await Task.Delay(TimeSpan.FromSeconds(10));
        // As the storm does: the bench's own measuring reaches its tier-ups here, not in the windows.
        await JitQuiet.PastTierUpsAsync(() => QueueStormBenchmark.MeasureOnceAsync(emulator));
        for (int w = 0; w < 3; w++)
        {
            JitQuiet.Wait();
            var t0 = ThreadCpu.Now();
            var s0 = await emulator.StatsAsync();
            TimeSpan c0 = ClientMeter.Cpu;
            long m0 = System.Runtime.JitInfo.GetCompiledMethodCount();
            TimeSpan j0 = JitQuiet.Compiling;
            if (jit != null) { jit.TakeNames(); jit.On = true; } // what the settle compiled is not this window's
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var s1 = await emulator.StatsAsync();
            long n = s1.Status + s1.Result - s0.Status - s0.Result;
            Console.WriteLine($"{label}: {n / seconds:F0} requests/s, {(ClientMeter.Cpu - c0).TotalMilliseconds / n:F3} ms CPU per request");
            Console.WriteLine($"  by thread: {ThreadCpu.Now().Since(t0, (int)n)}; the runtime compiled {System.Runtime.JitInfo.GetCompiledMethodCount() - m0} methods ({(JitQuiet.Compiling - j0).TotalMilliseconds:F0} ms)");
            if (jit != null) foreach (string name in jit.TakeNames().Take(int.TryParse(Environment.GetEnvironmentVariable("HH_BENCH_JIT_TOP"), out int top) ? top : 40)) Console.WriteLine("    " + name);
            Console.WriteLine("  " + GcAccount.Describe());
        }
    }

    private static HappyHorse.Api.RunComfyClient ModuleClient(EmulatorProcess emulator) =>
        new(emulator.BaseUri, HappyHorse.Api.ApiCredential.FromPlainText(EmulatorProcess.Token));

    /// <summary>The 2,000 status URLs already submitted and 8,000 more: the storm's 10,000 queued jobs.</summary>
    private static async Task<List<string>> TenThousandAsync(EmulatorProcess emulator, List<string> urls)
    {
        var (_, more) = await RawHttpFloor.SubmitAsync(emulator.BaseUri, EmulatorProcess.Token, 8000);
        return urls.Concat(more).ToList();
    }

    /// <summary>The request id in a status URL (…/requests/{id}/status).</summary>
    private static string IdOf(string statusUrl) => statusUrl.Split('/')[^2];
}
