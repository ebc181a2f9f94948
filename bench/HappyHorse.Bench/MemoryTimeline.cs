using System.Globalization;

namespace HappyHorse.Bench;

/// <summary>
/// On request (storm --timeline): the process's resident memory, the GC's committed bytes and heap,
/// collections and thread-pool threads every 100 ms, from a thread of its own, printed when stopped:
/// where in a phase the working set peaks, and what it is made of at that moment.
/// </summary>
internal sealed class MemoryTimeline : IDisposable
{
    private readonly List<string> _lines = [];
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();

    public MemoryTimeline(long residentBefore, long committedBefore, long heapBefore, Func<string> progress)
    {
        var resident = new ResidentMemory(System.Diagnostics.Process.GetCurrentProcess());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _thread = new Thread(() =>
        {
            do
            {
                static string Mb(long bytes) => (bytes / 1048576.0).ToString("+0.0;-0.0", CultureInfo.InvariantCulture);
                _lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"    {clock.Elapsed.TotalSeconds:F1} s: {progress()}; resident {Mb(resident.WorkingSet() - residentBefore)} MB, GC committed {Mb(GC.GetGCMemoryInfo().TotalCommittedBytes - committedBefore)} MB, " +
                    $"heap {Mb(GC.GetTotalMemory(false) - heapBefore)} MB; collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; pool threads {ThreadPool.ThreadCount}"));
            }
            while (!_stop.Wait(100));
        }) { IsBackground = true, Name = "memory timeline" };
        _thread.Start();
    }

    public void Dispose()
    {
        if (_stop.IsSet) return;
        _stop.Set();
        _thread.Join();
        foreach (string line in _lines) Console.WriteLine(line);
        _stop.Dispose();
    }
}
