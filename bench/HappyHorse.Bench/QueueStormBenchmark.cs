using System.Diagnostics;
using System.Globalization;

namespace HappyHorse.Bench;

/// <summary>
/// Issue 4, figures 2 (storm) and 3: 10,000 rows through `New-HHVideoJob | Wait-HHJob` against an
/// emulator with one worker, so nearly every job sits in the queue. Measures the status requests per
/// second the waiting client makes (against naive polling: every job every interval), the client's
/// CPU per job and its peak working set, then stops the pipeline as Ctrl+C would.
/// The 10,000 rows are submitted with no injected latency (at 200 ms they would take minutes); the
/// waiting is then measured twice: with no latency, where only the client's schedule limits the rate,
/// and with the issue's 200 ms.
/// Options: --storm-jobs N (10000) --storm-workers W (1) --poll S (2) --throttle T (16)
/// --window S (30, per latency) --settle S (5) --latency-ms L (200, the second window's latency).
/// </summary>
internal static class QueueStormBenchmark
{
    public static async Task<int> RunAsync(string[] argv)
    {
        if (await SelfProcess.RerunWithWorkstationGcAsync(["storm", .. argv]) is int code) return code;
        var args = new BenchArgs(argv);
        int jobs = args.Int("--storm-jobs", 10_000);
        int workers = args.Int("--storm-workers", 1);
        double poll = args.Double("--poll", 2);
        int throttle = args.Int("--throttle", 16);
        var window = TimeSpan.FromSeconds(args.Double("--window", 30));
        var settle = TimeSpan.FromSeconds(args.Double("--settle", 5));
        int latencyMs = args.Int("--latency-ms", 200);
        double naive = jobs / poll;
        double stormLimit = naive / 10;

        Console.WriteLine($"storm: {jobs:N0} rows, {workers} emulator worker(s), generation 5 s, Wait-HHJob -PollInterval {poll:0.###}; " +
                          $"naive polling would be {naive:N0} status requests/s");
        var figures = new List<Figure>();
        await using (EmulatorProcess emulator = await EmulatorProcess.StartAsync(workers, 1, 0))
        using (ModuleSession session = ModuleSession.Open())
        {
            bool hasThrottle = session.HasParameter("New-HHVideoJob", "ThrottleLimit");
            string submit = hasThrottle ? $"New-HHVideoJob -Token $t -BaseUri $b -ThrottleLimit {throttle}" : "New-HHVideoJob -Token $t -BaseUri $b";
            string script = $"$rows | {submit} | Wait-HHJob -PollInterval {poll.ToString(CultureInfo.InvariantCulture)}";
            Console.WriteLine($"pipeline: {script}{(hasThrottle ? "" : "\nnote: New-HHVideoJob has no -ThrottleLimit yet: rows are submitted one after the other.")}");
            session.SetVariable("rows", BenchRows.Create(jobs));
            session.SetVariable("t", EmulatorProcess.Token);
            session.SetVariable("b", emulator.BaseUri.AbsoluteUri);

            // What the engine, the module and the rows themselves take before anything is sent. The
            // finalizers of what the setup left are run now, not inside the measured CPU.
            MemorySampler.Settle();
            long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
            long before = ClientMeter.CurrentWorkingSet;
            var residentBefore = ResidentBreakdown.Now();
            using var meter = new ClientMeter();
            TimeSpan cpuStart = ClientMeter.Cpu;
            var watch = Stopwatch.StartNew();
            using RunningPipeline pipeline = session.Start(script);
            EmulatorStats stats;
            while ((stats = await emulator.StatsAsync()).Accepted < jobs)
            {
                if (pipeline.Completion.IsCompleted) return Failed(await pipeline.Completion, stats);
                await Task.Delay(250);
            }
            double fillSeconds = watch.Elapsed.TotalSeconds;
            TimeSpan cpuFill = ClientMeter.Cpu - cpuStart;
            EmulatorStats atFill = stats;
            Console.WriteLine($"  {jobs:N0} accepted in {fillSeconds:F1} s ({jobs / fillSeconds:N0}/s); {stats.InQueue:N0} queued");
            await Task.Delay(settle);

            long managedAwaiting = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"  managed heap: {managedBefore / 1048576.0:F0} MB before, {managedAwaiting / 1048576.0:F0} MB with {jobs:N0} awaited ({(managedAwaiting - managedBefore) / (double)jobs:F0} B per job)");
            Rate idle = await MeasureAsync(emulator, pipeline, window, "no latency");
            await emulator.SetLatencyAsync(latencyMs);
            Rate slow = await MeasureAsync(emulator, pipeline, window, $"{latencyMs} ms latency");
            if (pipeline.Completion.IsCompleted) return Failed(await pipeline.Completion, await emulator.StatsAsync());
            double awaited = watch.Elapsed.TotalSeconds - fillSeconds;
            TimeSpan cpu = ClientMeter.Cpu - cpuStart;
            long peak = meter.PeakWorkingSet;
            var residentAwaiting = ResidentBreakdown.Now();
            EmulatorStats atEnd = await emulator.StatsAsync();

            var stop = Stopwatch.StartNew();
            pipeline.Stop();
            PipelineOutcome outcome = await pipeline.Completion;
            double stopMs = stop.Elapsed.TotalMilliseconds;
            stats = await emulator.StatsAsync();

            // The HTTP floor of waiting: the same status GETs from a bare HttpClient, on this emulator.
            var (_, urls) = await RawHttpFloor.SubmitAsync(emulator.BaseUri, EmulatorProcess.Token, 2000);
            double getFloor = await RawHttpFloor.StatusAsync(EmulatorProcess.Token, urls);
            double waitingRequests = (atEnd.Status + atEnd.Result - atFill.Status - atFill.Result) / (double)jobs;
            double waitingCpu = (cpu - cpuFill).TotalMilliseconds / jobs, waitingFloor = waitingRequests * getFloor;
            double managedPerJob = (managedAwaiting - managedBefore) / (double)jobs;

            figures.Add(Storm($"2. status requests/s, {jobs:N0} queued, no latency", idle, stormLimit, naive));
            figures.Add(Storm($"2. status requests/s, {jobs:N0} queued, {latencyMs} ms latency", slow, stormLimit, naive));
            figures.Add(new Figure("   peak concurrent requests at the emulator (whole run)", stats.PeakConcurrent.ToString(CultureInfo.InvariantCulture), "-", null));
            figures.Add(new Figure($"3. client CPU per job, {jobs:N0} awaited",
                $"{cpu.TotalMilliseconds / jobs:F3} ms (submit {cpuFill.TotalMilliseconds / jobs:F3} + {awaited:F0} s of waiting {(cpu - cpuFill).TotalMilliseconds / jobs:F3})",
                "< 1 ms", cpu.TotalMilliseconds / jobs < 1));
            figures.Add(new Figure($"3. client CPU per awaited job while waiting, against its floor",
                $"{waitingCpu:F3} ms = {waitingCpu / waitingFloor:F2} × floor {waitingFloor:F3} ms ({waitingRequests:F2} requests/job × bare HttpClient GET {getFloor:F3} ms)",
                $"≤ 1.5 × floor = {waitingFloor * 1.5:F3} ms", waitingCpu <= waitingFloor * 1.5));
            figures.Add(new Figure($"3. added working set, {jobs:N0} awaited", $"{(peak - before) / 1048576.0:F0} MB ({peak / 1048576.0:F0} MB peak − {before / 1048576.0:F0} MB before the pipeline)",
                "≤ 30 MB", peak - before <= 30L * 1048576));
            figures.Add(new Figure("   what the added working set is, at the end of the windows", ResidentBreakdown.Describe(residentBefore, residentAwaiting), "-", null));
            figures.Add(new Figure($"3. managed memory per awaited job", $"{managedPerJob:F0} B", "≤ 1,024 B", managedPerJob <= 1024));
            figures.Add(new Figure($"3. client peak working set, {jobs:N0} awaited",
                $"{peak / 1048576.0:F0} MB (before the pipeline: {before / 1048576.0:F0} MB with the rows; kernel high-water mark {ClientMeter.KernelPeakWorkingSet / 1048576.0:F0} MB)", "< 150 MB", peak < 150L * 1048576));
            figures.Add(new Figure($"   Stop (Ctrl+C) with {jobs:N0} awaited", $"{stopMs:F0} ms, {(outcome.Stopped ? "stopped" : "not stopped")}", "< 1,000 ms",
                outcome.Stopped && stopMs < 1000));
        }
        return FigureReport.Finish("Queue storm (issue 4, figures 2–3)", figures);
    }

    private static Figure Storm(string item, Rate r, double limit, double naive) =>
        new(item, $"{r.PerSecond:N0} req/s (busiest second {r.PeakSecond:N0}) vs naive {naive:N0}",
            $"≤ 10% of naive = {limit:N0} req/s", r.PerSecond <= limit && r.PeakSecond <= limit);

    /// <summary>Status requests per second over the window, and in its busiest one-second slice.</summary>
    private static async Task<Rate> MeasureAsync(EmulatorProcess emulator, RunningPipeline pipeline, TimeSpan window, string label)
    {
        EmulatorStats first = await emulator.StatsAsync();
        var watch = Stopwatch.StartNew();
        long last = first.Status;
        double lastAt = 0, peakSecond = 0;
        while (watch.Elapsed < window && !pipeline.Completion.IsCompleted)
        {
            await Task.Delay(1000);
            EmulatorStats s = await emulator.StatsAsync();
            double at = watch.Elapsed.TotalSeconds;
            peakSecond = Math.Max(peakSecond, (s.Status - last) / (at - lastAt));
            (last, lastAt) = (s.Status, at);
        }
        double perSecond = (last - first.Status) / lastAt;
        Console.WriteLine($"  {label}: {perSecond:N0} status requests/s over {lastAt:F0} s (busiest second {peakSecond:N0})");
        return new Rate(perSecond, peakSecond);
    }

    private static int Failed(PipelineOutcome outcome, EmulatorStats stats)
    {
        Console.WriteLine($"storm: the pipeline ended early ({stats.Accepted:N0} accepted, {outcome.Errors.Count} errors).");
        foreach (string error in outcome.Errors.Take(5)) Console.WriteLine("  error: " + error);
        if (outcome.Terminating != null) Console.WriteLine("  terminating error: " + outcome.Terminating);
        return FigureReport.Finish("Queue storm (issue 4, figures 2–3)", [new Figure("storm run", "ended early", "runs to the end", false)]);
    }

    private readonly record struct Rate(double PerSecond, double PeakSecond);
}
