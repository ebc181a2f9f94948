using System.Diagnostics;

namespace HappyHorse.Bench;

/// <summary>
/// Samples the process's working set and managed heap every few milliseconds; reports the peaks over a baseline.
/// On Linux the working set comes from /proc/self/statm (one short read): Process.Refresh + WorkingSet64
/// parses stat and status and lists every thread, which a profile of the save benchmark showed costing
/// ~0.2 s of CPU per download, on the 2 cores the measured client needs.
/// </summary>
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
        BaselineWorkingSet = PeakWorkingSet = WorkingSet();
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
            PeakWorkingSet = Math.Max(PeakWorkingSet, WorkingSet());
            PeakManaged = Math.Max(PeakManaged, GC.GetTotalMemory(false));
            Thread.Sleep(10);
        }
    }

    private readonly byte[] _statm = new byte[128];

    private long WorkingSet()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                using var file = new FileStream("/proc/self/statm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
                int n = file.Read(_statm, 0, _statm.Length);
                // "size resident shared ...", in pages.
                int i = 0;
                while (i < n && _statm[i] != ' ') i++;
                long pages = 0;
                for (i++; i < n && _statm[i] >= '0' && _statm[i] <= '9'; i++) pages = pages * 10 + (_statm[i] - '0');
                return pages * Environment.SystemPageSize;
            }
            catch (IOException) { }
        }
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _process.Dispose();
    }
}
