namespace HappyHorse.Bench;

/// <summary>
/// Issue 4 side by side in one run: batch, storm and import, each in a fresh process (so the storm's
/// working set owes nothing to the batch before it), then one table of every figure with its target.
/// Every option is handed to every benchmark; each takes those it knows.
/// </summary>
internal static class AllBenchmarks
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The children run workstation GC; so does this parent, so that its table's header is true for all.
        if (await SelfProcess.RerunWithWorkstationGcAsync(["all", .. args]) is int code) return code;
        string figuresFile = Path.Combine(Path.GetTempPath(), $"hh-bench-{Environment.ProcessId}.jsonl");
        File.Delete(figuresFile);
        var environment = new Dictionary<string, string> { [FigureReport.FileVariable] = figuresFile };
        var failed = new List<string>();
        try
        {
            foreach (string mode in new[] { "submit", "batch", "storm", "import" })
            {
                var (exitCode, _) = await SelfProcess.RunAsync([mode, .. args], captureOutput: false, environment);
                // 1 is "a target missed", already in the figures; anything else means the benchmark did not run through.
                if (exitCode is not (0 or 1)) failed.Add($"{mode} (exit {exitCode})");
            }
            List<Figure> figures = FigureReport.Read(figuresFile);
            figures.AddRange(failed.Select(f => new Figure($"benchmark {f}", "did not finish", "finishes", false)));
            return FigureReport.Finish("HappyHorse benchmarks, issue 4 (figure 4, Save-HHVideo, is measured by `save`)", figures);
        }
        finally
        {
            File.Delete(figuresFile);
        }
    }
}
