using System.Diagnostics;

namespace HappyHorse.Bench;

/// <summary>
/// Samples the process's working set and managed heap every 25 ms (a download's memory is a plateau, and the
/// sampler's own CPU lands in the measured client's figures); reports the peaks over a baseline.
/// On Linux the working set comes from /proc/self/statm (one short read): Process.Refresh + WorkingSet64
/// parses stat and status and lists every thread, which a profile of the save benchmark showed costing
/// ~0.2 s of CPU per download, on the 2 cores the measured client needs.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Thread _thread;
    private volatile bool _stop;

    /// <summary>Call <see cref="Settle"/> first, outside whatever is being timed: the baseline wants a collected heap.</summary>
    public MemorySampler()
    {
        BaselineWorkingSet = PeakWorkingSet = WorkingSet();
        BaselineManaged = PeakManaged = GC.GetTotalMemory(false);
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    /// <summary>A full collection, finalizers run: a quiet heap to start the next measurement from.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public long BaselineWorkingSet { get; }
    public long BaselineManaged { get; }
    public long PeakWorkingSet { get; private set; }
    public long PeakManaged { get; private set; }
    public long WorkingSetGrowth => PeakWorkingSet - BaselineWorkingSet;
    public long ManagedGrowth => PeakManaged - BaselineManaged;

    private void Sample()
    {
        while (!_stop)
        {
            PeakWorkingSet = Math.Max(PeakWorkingSet, WorkingSet());
            PeakManaged = Math.Max(PeakManaged, GC.GetTotalMemory(false));
            Thread.Sleep(25);
        }
    }

    private ResidentMemory? _resident;

    private long WorkingSet() => (_resident ??= new ResidentMemory(_process)).WorkingSet();

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _process.Dispose();
    }
}
