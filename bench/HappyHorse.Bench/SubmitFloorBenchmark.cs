using System.Globalization;
using System.Management.Automation;

namespace HappyHorse.Bench;

/// <summary>
/// Issue 15, first row: CPU per submitted row of `$rows | New-HHVideoJob -ThrottleLimit 16` against
/// its floor, measured in the same process and run: binding the same rows to an empty compiled
/// cmdlet with New-HHVideoJob's exact parameter declarations (bench/EmptyModule, New-BenchVideoJob),
/// plus the same POSTs sent by a bare HttpClient 16 at once with the JSON answer parsed.
/// The emulator runs in its own process (no latency, jobs never finish), so CPU time is the client's.
/// Options: --submit-rows N (5000) --throttle T (16) --submit-repeat R (6: the best of R runs of each; on 2 cores the JIT keeps tiering up through the first few)
/// --submit-warm W (N: rows each of the three sends untimed first).
/// The warm-up is a full batch by default: the JIT's tiering keeps compiling PowerShell's binder and
/// HttpClient for some 20 s of a 2-core machine's batches, and that CPU (on its own thread) landed in
/// whichever runs came first, the module's more than the floor's, which has less code to tier.
/// </summary>
internal static class SubmitFloorBenchmark
{
    public const double Target = 1.5;

    public static async Task<int> RunAsync(string[] argv)
    {
        if (await SelfProcess.RerunWithWorkstationGcAsync(["submit", .. argv]) is int code) return code;
        var args = new BenchArgs(argv);
        int rows = args.Int("--submit-rows", 5000);
        int throttle = args.Int("--throttle", 16);
        int repeat = Math.Max(1, args.Int("--submit-repeat", 6));
        int warmRows = Math.Max(1, args.Int("--submit-warm", rows));
        string empty = BenchPaths.RequireFile(BenchPaths.EmptyModuleManifest, "dotnet build bench/HappyHorse.Bench -c Release");
        Console.WriteLine($"submit: {rows:N0} CSV-shaped rows, -ThrottleLimit {throttle}, best of {repeat} runs each after {warmRows:N0} rows of each untimed; load average {Load.Average}");

        var figures = new List<Figure>();
        await using (EmulatorProcess emulator = await EmulatorProcess.StartAsync(1000, 100, 0))
        using (ModuleSession session = ModuleSession.Open(empty))
        {
            session.SetVariable("rows", BenchRows.Create(rows));
            session.SetVariable("warm", BenchRows.Create(warmRows));
            session.SetVariable("t", EmulatorProcess.Token);
            session.SetVariable("b", emulator.BaseUri.AbsoluteUri);
            string drift = ParameterDrift(session);
            if (drift.Length > 0) Console.WriteLine("note: New-BenchVideoJob no longer declares what New-HHVideoJob does: " + drift);

            string real = $"$null = $rows | New-HHVideoJob -Token $t -BaseUri $b -ThrottleLimit {throttle}";
            string floor = $"$null = $rows | New-BenchVideoJob -Token $t -BaseUri $b -ThrottleLimit {throttle}";
            await session.InvokeAsync($"$null = $warm | New-HHVideoJob -Token $t -BaseUri $b -ThrottleLimit {throttle}");
            await session.InvokeAsync($"$null = $warm | New-BenchVideoJob -Token $t -BaseUri $b -ThrottleLimit {throttle}");
            await RawHttpFloor.SubmitAsync(emulator.BaseUri, EmulatorProcess.Token, warmRows);

            double module = double.MaxValue, binding = double.MaxValue, http = double.MaxValue;
            for (int run = 1; run <= repeat; run++)
            {
                binding = Math.Min(binding, await CpuPerRowAsync(session, floor, rows));
                JitQuiet.Wait();
                http = Math.Min(http, (await RawHttpFloor.SubmitAsync(emulator.BaseUri, EmulatorProcess.Token, rows)).CpuMsPerRequest);
                TimeSpan jit = JitQuiet.Compiling;
                module = Math.Min(module, await CpuPerRowAsync(session, real, rows));
                jit = JitQuiet.Compiling - jit;
                Console.WriteLine($"  run {run}: New-HHVideoJob {module:F3} ms/row; floor: binding {binding:F3} + HttpClient {http:F3} ms (best so far); JIT during this New-HHVideoJob run {jit.TotalMilliseconds:F0} ms");
            }
            double total = binding + http, ratio = module / total;
            figures.Add(new Figure($"1. CPU per submitted row, {rows:N0} rows, -ThrottleLimit {throttle}",
                $"{module:F3} ms = {ratio:F2} × floor {total:F3} ms", $"≤ {Target} × floor = {total * Target:F3} ms", ratio <= Target));
            figures.Add(new Figure("   floor: empty cmdlet, same parameters (New-BenchVideoJob)", $"{binding:F3} ms/row{(drift.Length > 0 ? " (parameters drifted: see note)" : "")}", "-", null));
            figures.Add(new Figure($"   floor: bare HttpClient POST + JSON parse, {RawHttpFloor.Parallel} at once", $"{http:F3} ms/row", "-", null));
        }
        return FigureReport.Finish("Submit CPU against its floor (issue 15)", figures);
    }

    private static async Task<double> CpuPerRowAsync(ModuleSession session, string script, int rows)
    {
        // Finalizers the collection queues would otherwise run inside the window: a profile of this bench
        // had the finalizer thread (dynamic methods of earlier script compiles, the array pool's trim) at
        // a sixth of the samples, charged to whichever command ran next.
        MemorySampler.Settle();
        JitQuiet.Wait();
        TimeSpan before = ClientMeter.Cpu;
        // Awaited, not waited for: see ModuleSession.InvokeAsync.
        await session.InvokeAsync(script);
        return (ClientMeter.Cpu - before).TotalMilliseconds / rows;
    }

    /// <summary>Differences between the two commands' parameters (name, type, aliases, pipeline binding); empty when none.</summary>
    private static string ParameterDrift(ModuleSession session)
    {
        HashSet<string> Describe(string command) =>
            ((CommandInfo)session.Invoke("Get-Command " + command).Single().BaseObject).Parameters.Values
            .Select(p => $"{p.Name} [{p.ParameterType.Name}] aliases {string.Join(",", p.Aliases.Order())} " +
                         string.Join(",", p.ParameterSets.Values.Select(s => $"{s.ValueFromPipelineByPropertyName}/{s.ValueFromPipeline}/{s.IsMandatory}/{s.Position}")) +
                         " " + string.Join(",", p.Attributes.Select(a => a.GetType()).Where(t => t.Namespace != "System.Runtime.CompilerServices").Select(t => t.Name).Order()))
            .ToHashSet();
        HashSet<string> real = Describe("New-HHVideoJob"), floor = Describe("New-BenchVideoJob");
        return string.Join("; ", real.Except(floor).Select(s => "module has " + s).Concat(floor.Except(real).Select(s => "floor has " + s)));
    }
}

/// <summary>The machine's load, printed beside timings: on a shared machine a MISS by a few percent means little.</summary>
internal static class Load
{
    public static string Average
    {
        get
        {
            try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
            catch (IOException) { return "unknown"; }
            catch (UnauthorizedAccessException) { return "unknown"; }
        }
    }
}
