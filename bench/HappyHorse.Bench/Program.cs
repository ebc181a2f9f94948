using HappyHorse.Bench;

// A dispatcher only: each benchmark lives in its own file and registers here by name.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["emulator"] = EmulatorThroughputBenchmark.RunAsync,
    ["batch"] = BatchPipelineBenchmark.RunAsync,
    ["storm"] = QueueStormBenchmark.RunAsync,
    ["import"] = ImportModuleBenchmark.RunAsync,
    ["submit"] = SubmitFloorBenchmark.RunAsync,
    ["all"] = AllBenchmarks.RunAsync,
    ["preflight"] = PreflightBenchmark.RunAsync,
    ["save"] = SaveVideoBenchmark.RunAsync,
    ["pacing"] = PacingExperiment.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench/HappyHorse.Bench -- <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}
return await run(args[1..]);
