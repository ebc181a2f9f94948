using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace HappyHorse.Bench;

/// <summary>
/// Issue 4, figure 5: Import-Module of the built module against an empty binary module built the same
/// way (bench/EmptyModule). Assemblies load once per process, so every import is timed in a fresh
/// process: this bench again, as `import --child &lt;psd1&gt;`. The modules alternate, and the medians compare.
/// Options: --repeat N (10 per module).
/// </summary>
internal static class ImportModuleBenchmark
{
    private const string ResultPrefix = "import-ms ";

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new BenchArgs(argv);
        if (args.Text("--child") is { } manifest) return Child(manifest);
        // The children run workstation GC, as pwsh does; the parent too, so its table's header is true.
        if (await SelfProcess.RerunWithWorkstationGcAsync(["import", .. argv]) is int code) return code;

        int repeat = args.Int("--repeat", 10);
        string module = BenchPaths.RequireFile(BenchPaths.ModuleManifest, "dotnet build HappyHorse.sln -c Release");
        string empty = BenchPaths.RequireFile(BenchPaths.EmptyModuleManifest, "dotnet build bench/HappyHorse.Bench -c Release");
        Console.WriteLine($"import: Import-Module in a fresh process, {repeat} times each, alternating\n  {module}\n  {empty}");

        var moduleTimes = new List<double>();
        var emptyTimes = new List<double>();
        var moduleCpu = new List<double>();
        var emptyCpu = new List<double>();
        for (int i = 0; i < repeat; i++)
        {
            var e = await TimeInChildAsync(empty);
            var m = await TimeInChildAsync(module);
            emptyTimes.Add(e.Wall); emptyCpu.Add(e.Cpu);
            moduleTimes.Add(m.Wall); moduleCpu.Add(m.Cpu);
        }
        double moduleMedian = Median(moduleTimes), emptyMedian = Median(emptyTimes), ratio = moduleMedian / emptyMedian;
        double cpuRatio = Median(moduleCpu) / Median(emptyCpu);
        Console.WriteLine($"  HappyHorse: {string.Join(" ", moduleTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms");
        Console.WriteLine($"  empty:      {string.Join(" ", emptyTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms");
        Console.WriteLine($"  CPU (all threads of the process, the import only): HappyHorse median {Median(moduleCpu):F0} ms, empty {Median(emptyCpu):F0} ms = {cpuRatio:F3}×");
        return FigureReport.Finish("Import-Module (issue 4, figure 5)",
        [
            new Figure("5. Import-Module, built module vs empty binary module",
                $"{moduleMedian:F0} ms vs {emptyMedian:F0} ms = {ratio:F3}× (medians of {repeat})", "≤ 1.3×", ratio <= 1.3),
            new Figure("   the same in CPU time (steadier on a loaded machine)",
                $"{Median(moduleCpu):F0} ms vs {Median(emptyCpu):F0} ms = {cpuRatio:F3}×", "-", null),
        ]);
    }

    private static async Task<(double Wall, double Cpu)> TimeInChildAsync(string manifest)
    {
        var (exitCode, output) = await SelfProcess.RunAsync(["import", "--child", manifest], captureOutput: true);
        string? line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (exitCode != 0 || line == null) throw new InvalidOperationException($"The import child for {manifest} failed (exit {exitCode}): {output}");
        string[] parts = line[ResultPrefix.Length..].Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// In the fresh process: open an engine, warm the Import-Module command itself on an in-memory
    /// script module (as a pwsh session is warm by the time a user types), then time the import.
    /// </summary>
    private static int Child(string manifest)
    {
        using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using (var warm = PowerShell.Create())
        {
            warm.Runspace = runspace;
            warm.AddScript("New-Module -Name BenchWarmUp -ScriptBlock { function Get-Nothing {} } | Import-Module").Invoke();
        }
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Import-Module").AddParameter("Name", manifest);
        var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        shell.Invoke();
        double ms = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        if (shell.HadErrors)
        {
            Console.Error.WriteLine($"Import-Module {manifest} failed: {string.Join("; ", shell.Streams.Error)}");
            return 1;
        }
        Console.WriteLine(ResultPrefix + ms.ToString("F3", CultureInfo.InvariantCulture) + " " + cpuMs.ToString("F3", CultureInfo.InvariantCulture));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
