using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace HappyHorse.Bench;

/// <summary>
/// Issue 4, figures 1 and 2: N CSV-like rows through `New-HHVideoJob | Wait-HHJob` against an
/// emulator in its own process (W workers, G s generation, injected latency per request). Wall time
/// against the floor the emulator allows and against the sequential curl loop; HTTP requests per job
/// from the emulator's accounting.
/// Options: --jobs N (1000) --workers W (40) --time-scale X (1: G = 5 s; 0.2: G = 1 s) --latency-ms L (200)
/// --poll S (2) --throttle T (16, used if New-HHVideoJob has -ThrottleLimit) --baseline-rows R (20; 0 skips).
/// </summary>
internal static class BatchPipelineBenchmark
{
    public static async Task<int> RunAsync(string[] argv)
    {
        if (await SelfProcess.RerunWithWorkstationGcAsync(["batch", .. argv]) is int code) return code;
        var args = new BenchArgs(argv);
        int jobs = args.Int("--jobs", 1000);
        int workers = args.Int("--workers", 40);
        double scale = args.Double("--time-scale", 1);
        int latencyMs = args.Int("--latency-ms", 200);
        double poll = args.Double("--poll", 2);
        int throttle = args.Int("--throttle", 16);
        int baselineRows = Math.Min(jobs, args.Int("--baseline-rows", 20));

        double generation = BenchRows.DurationSeconds * scale;
        // No client can beat the queue: ceil(N/W) rounds of G seconds, after the first submit's round
        // trip has been accepted and before the last result's round trip has come back.
        double floor = Math.Ceiling(jobs / (double)workers) * generation + 2 * latencyMs / 1000.0;
        Console.WriteLine($"batch: {jobs:N0} rows, {workers} emulator workers, generation {generation:0.###} s (5 s × time scale {scale:0.###}), " +
                          $"{latencyMs} ms latency per request, Wait-HHJob -PollInterval {poll:0.###}; floor {floor:F1} s");

        var figures = new List<Figure>();
        await using (EmulatorProcess emulator = await EmulatorProcess.StartAsync(workers, scale, latencyMs))
        using (ModuleSession session = ModuleSession.Open())
        {
            bool hasThrottle = session.HasParameter("New-HHVideoJob", "ThrottleLimit");
            string submit = hasThrottle ? $"New-HHVideoJob -Token $t -BaseUri $b -ThrottleLimit {throttle}" : "New-HHVideoJob -Token $t -BaseUri $b";
            string script = $"$rows | {submit} | Wait-HHJob -PollInterval {poll.ToString(CultureInfo.InvariantCulture)}";
            Console.WriteLine(hasThrottle
                ? $"pipeline: {script}"
                : $"pipeline: {script}\nnote: New-HHVideoJob has no -ThrottleLimit yet: rows are submitted one after the other, each paying the {latencyMs} ms latency.");
            session.SetVariable("rows", BenchRows.Create(jobs));
            session.SetVariable("t", EmulatorProcess.Token);
            session.SetVariable("b", emulator.BaseUri.AbsoluteUri);

            using var meter = new ClientMeter();
            TimeSpan cpuBefore = ClientMeter.Cpu;
            var watch = Stopwatch.StartNew();
            using RunningPipeline pipeline = session.Start(script);
            // A generous guard so a hang ends the run as a miss instead of never.
            TimeSpan guard = TimeSpan.FromSeconds(floor * 3 + 120);
            while (!pipeline.Completion.IsCompleted)
            {
                if (await Task.WhenAny(pipeline.Completion, Task.Delay(TimeSpan.FromSeconds(10))) == pipeline.Completion) break;
                EmulatorStats s = await emulator.StatsAsync();
                Console.WriteLine($"  {watch.Elapsed.TotalSeconds,6:F0} s: {s.Accepted:N0} accepted, {s.InQueue:N0} queued, {s.InProgress} generating, {pipeline.OutputCount:N0} results out");
                if (watch.Elapsed > guard)
                {
                    Console.WriteLine($"  stopping: no end after {guard.TotalSeconds:F0} s");
                    pipeline.Stop();
                }
            }
            PipelineOutcome outcome = await pipeline.Completion;
            double wall = watch.Elapsed.TotalSeconds;
            TimeSpan cpu = ClientMeter.Cpu - cpuBefore;
            EmulatorStats stats = await emulator.StatsAsync();

            int succeeded = outcome.Output.Count(o => o.Properties["Status"]?.Value as string == "succeeded");
            foreach (string error in outcome.Errors.Take(5)) Console.WriteLine("  error: " + error);
            if (outcome.Terminating != null) Console.WriteLine("  terminating error: " + outcome.Terminating);

            double perJob = stats.JobRequests / (double)jobs;
            double requestTarget = 2 + generation / poll;
            figures.Add(new Figure($"1. rows succeeded through the pipeline", $"{succeeded:N0}/{jobs:N0}, {outcome.Errors.Count} errors",
                "all, no errors", succeeded == jobs && outcome.Errors.Count == 0 && outcome.Terminating == null));
            figures.Add(new Figure($"1. wall time, {jobs:N0} rows{(hasThrottle ? $", -ThrottleLimit {throttle}" : ", no -ThrottleLimit")}",
                $"{wall:F1} s = {wall / floor:F2} × floor {floor:F1} s", $"≤ 1.08 × floor = {floor * 1.08:F1} s", wall <= floor * 1.08));
            figures.Add(new Figure("2. HTTP requests per job",
                $"{perJob:F2} (submit {stats.Submit / (double)jobs:F2} + status {stats.Status / (double)jobs:F2} + result {stats.Result / (double)jobs:F2})",
                $"≤ 2 + G/poll = {requestTarget:F2}", perJob <= requestTarget));
            figures.Add(new Figure("   peak concurrent requests at the emulator", stats.PeakConcurrent.ToString(CultureInfo.InvariantCulture), "-", null));
            figures.Add(new Figure("   client CPU per job (batch, whole run)", $"{cpu.TotalMilliseconds / jobs:F2} ms", "-", null));
            figures.Add(new Figure("   client peak working set (batch)", $"{meter.PeakWorkingSet / 1048576.0:F0} MB", "-", null));

            if (baselineRows > 0)
                figures.Add(await BaselineAsync(workers, scale, latencyMs, poll, jobs, baselineRows, wall));
        }
        return FigureReport.Finish("Batch pipeline (issue 4, figures 1–2)", figures);
    }

    /// <summary>The sequential curl loop on a fresh emulator with the same settings, on a sample extrapolated to all rows.</summary>
    private static async Task<Figure> BaselineAsync(int workers, double scale, int latencyMs, double poll, int jobs, int sample, double pipelineWall)
    {
        Console.WriteLine($"baseline: sequential submit-then-poll loop of the documented calls, first {sample} rows, polling every {poll:0.###} s");
        await using EmulatorProcess emulator = await EmulatorProcess.StartAsync(workers, scale, latencyMs);
        var (elapsed, succeeded) = await SequentialCurlLoop.RunAsync(emulator.BaseUri, EmulatorProcess.Token, sample, TimeSpan.FromSeconds(poll));
        double extrapolated = elapsed.TotalSeconds / sample * jobs;
        string note = sample == jobs ? "" : $", extrapolated from {sample} rows ({elapsed.TotalSeconds:F1} s, {succeeded} succeeded)";
        return new Figure("1. sequential curl loop, same rows",
            $"{extrapolated:F0} s{note}; pipeline {extrapolated / pipelineWall:F1}× faster", "-", succeeded == sample ? null : false);
    }
}
