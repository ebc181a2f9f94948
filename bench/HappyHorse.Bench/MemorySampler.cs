using System.Diagnostics;

namespace HappyHorse.Bench;

/// <summary>Samples the process's working set and managed heap every few milliseconds; reports the peaks over a baseline.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Thread _thread;
    private volatile bool _stop;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _process.Refresh();
        BaselineWorkingSet = PeakWorkingSet = _process.WorkingSet64;
        BaselineManaged = PeakManaged = GC.GetTotalMemory(false);
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
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
            _process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, _process.WorkingSet64);
            PeakManaged = Math.Max(PeakManaged, GC.GetTotalMemory(false));
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _process.Dispose();
    }
}
