using System.Management.Automation.Runspaces;

namespace HappyHorse.Bench;

/// <summary>
/// Untimed calls of the two in-process clients before the save benchmark's timed rounds. The
/// runtime tiers code up by call counts (a method is recompiled, instrumented, at its 30th counted
/// call and optimised at its 60th), and PowerShell's engine (IL only, in the hosted package as in
/// the pinned pwsh tool) has thousands of methods that run a few times per pipeline: parsing,
/// binding, the path provider, the output. Measured without a warm-up, each timed Save-HHVideo run
/// carried 100-600 ms of JIT (on the tiering thread) against the engine's 20-60 ms, on the same
/// 2 cores as the transfer: the cost of a young process, not of a download. One real download
/// each, then skips of the complete file (its sidecar matches), which run every per-call step
/// without moving 500 MiB again. Calls are not counted while the JIT keeps meeting new code (the
/// runtime waits 100 ms of quiet first), so each call waits for the JIT to go quiet.
/// </summary>
internal static class SaveWarmUp
{
    public static void Run(Runspace runspace, string url, string folder, int calls, Action<string> verify)
    {
        if (calls <= 0) return;
        for (int i = 0; i < calls; i++)
        {
            EngineSave.WarmCall(url, folder);
            var saved = SaveVideoBenchmark.Invoke(runspace, "$r | Save-HHVideo -Path $dir -FileName warm");
            if (i == 0) verify(((FileInfo)saved.Single().BaseObject).FullName);
            JitQuiet.Wait();
        }
        foreach (string file in Directory.GetFiles(folder, "*warm*")) File.Delete(file);
    }
}
