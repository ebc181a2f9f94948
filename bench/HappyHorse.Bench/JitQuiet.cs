using System.Runtime;

namespace HappyHorse.Bench;

/// <summary>
/// Waits for the runtime's tiering to go quiet before a timed window. Code is recompiled on a
/// background thread (instrumented at its 30th counted call, optimised at its 60th, and calls are
/// counted only after 100 ms without new code), so on 2 cores the first runs after a warm-up still
/// carry that compiling in their CPU: a young process's cost, charged to whichever command ran.
/// </summary>
internal static class JitQuiet
{
    /// <summary>Until nothing was compiled for a little over the tiering delay, at most <paramref name="limit"/>.</summary>
    public static void Wait(TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(3));
        long seen;
        do
        {
            seen = JitInfo.GetCompiledMethodCount();
            Thread.Sleep(120);
        }
        while (JitInfo.GetCompiledMethodCount() != seen && DateTime.UtcNow < deadline);
    }

    /// <summary>
    /// Calls <paramref name="measure"/> past both tier-ups (its 30th and 60th counted calls): the bench's
    /// own measuring, called often inside a timed window, would otherwise be recompiled there.
    /// </summary>
    public static async Task PastTierUpsAsync(Func<Task> measure)
    {
        for (int i = 0; i < 70; i++) await measure();
    }

    /// <summary>Compile time so far in this process, every thread.</summary>
    public static TimeSpan Compiling => JitInfo.GetCompilationTime();
}
