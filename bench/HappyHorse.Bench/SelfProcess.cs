using System.Diagnostics;
using System.Runtime;

namespace HappyHorse.Bench;

/// <summary>
/// Runs this bench again as a child process: a fresh process is the only way to measure a cold
/// Import-Module, and the client benchmarks want the GC a pwsh session has (workstation), not the
/// server GC this project is built with for the in-process emulator benchmark.
/// </summary>
internal static class SelfProcess
{
    private const string ChildMarker = "HH_BENCH_CHILD";

    /// <summary>
    /// If this process runs server GC, runs <paramref name="args"/> again in a child with workstation GC
    /// and returns its exit code; null means "carry on here".
    /// </summary>
    public static async Task<int?> RerunWithWorkstationGcAsync(string[] args)
    {
        if (!GCSettings.IsServerGC) return null;
        if (Environment.GetEnvironmentVariable(ChildMarker) == "1")
        {
            Console.Error.WriteLine("warning: still on server GC in the child process; client figures will be pessimistic.");
            return null;
        }
        var (code, _) = await RunAsync(args, captureOutput: false);
        return code;
    }

    /// <summary>Runs the bench with <paramref name="args"/>, workstation GC; stdout is inherited unless captured.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, bool captureOutput, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = captureOutput };
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The bench's own executable is unknown.");
        info.FileName = self;
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            info.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment[ChildMarker] = "1";
        // PowerShell's own telemetry sends a batch every 30 s from whatever process hosts it: a profile of
        // the storm caught it (serialising, connecting, and its JIT) inside a window, 5 % of the window's
        // samples, none of it the module's. Its users can turn it off the same way.
        info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        using Process child = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {self}.");
        string output = captureOutput ? await child.StandardOutput.ReadToEndAsync() : "";
        await child.WaitForExitAsync();
        return (child.ExitCode, output);
    }
}
