using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HappyHorse.Bench;

/// <summary>
/// This process's CPU time and working set, sampled every 100 ms on a thread of its own (a timer on
/// the thread pool would go quiet exactly when the pool is busiest). Meaningful because the emulator
/// runs in another process.
/// </summary>
internal sealed class ClientMeter : IDisposable
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly ResidentMemory _resident;
    private readonly Thread _sampler;
    private volatile bool _stopped;
    private long _peakWorkingSet;
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private long _peakAtTicks;
    private long _peakGcCommitted, _peakHeap;
    private long _samplerCpuNanoseconds;

    public ClientMeter()
    {
        _resident = new ResidentMemory(_self);
        Sample();
        _sampler = new Thread(() =>
        {
            while (!_stopped)
            {
                Thread.Sleep(100);
                Sample();
                Interlocked.Exchange(ref _samplerCpuNanoseconds, ThreadCpuNanoseconds());
            }
        }) { IsBackground = true, Name = "working-set sampler" };
        _sampler.Start();
    }

    public static TimeSpan Cpu
    {
        get
        {
            using Process self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }
    }

    public static long CurrentWorkingSet
    {
        get
        {
            using Process self = Process.GetCurrentProcess();
            return self.WorkingSet64;
        }
    }

    /// <summary>
    /// CPU the sampler thread itself has used (Linux; zero elsewhere): the bench's own cost, which a
    /// profile of a quiet waiting window put at 7 % of the client's CPU, taken out of the figures that
    /// subtract it.
    /// </summary>
    public TimeSpan SamplerCpu => TimeSpan.FromTicks(Interlocked.Read(ref _samplerCpuNanoseconds) / 100);

    private static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        return clock_gettime(ThreadCpuClock, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0;
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds, Nanoseconds;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    /// <summary>Highest working set seen by the 100 ms sampler since this meter started.</summary>
    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    /// <summary>The kernel's high-water mark for the whole process life (VmHWM on Linux): a cross-check of the sampler.</summary>
    public static long KernelPeakWorkingSet
    {
        get
        {
            using Process self = Process.GetCurrentProcess();
            return self.PeakWorkingSet64;
        }
    }

    private long ReadWorkingSet()
    {
        lock (_self) return _resident.WorkingSet();
    }

    private void Sample()
    {
        long ws = ReadWorkingSet();
        long peak;
        while (ws > (peak = Interlocked.Read(ref _peakWorkingSet)))
        {
            if (Interlocked.CompareExchange(ref _peakWorkingSet, ws, peak) != peak) continue;
            Interlocked.Exchange(ref _peakAtTicks, _since.Elapsed.Ticks);
            NoteGcAtPeak();
            break;
        }
    }

    /// <summary>The GC's committed bytes and its heap (live and not yet collected) when the peak was seen.</summary>
    public (long GcCommitted, long Heap) AtPeak => (Interlocked.Read(ref _peakGcCommitted), Interlocked.Read(ref _peakHeap));

    /// <summary>When the peak was seen, counted from this meter's start or its last <see cref="ResetPeak"/>: which phase of a run holds it.</summary>
    public TimeSpan PeakAt => TimeSpan.FromTicks(Interlocked.Read(ref _peakAtTicks));

    /// <summary>Starts the peak (and its clock) again from the working set now: a phase the caller leaves out is behind it.</summary>
    public void ResetPeak()
    {
        long ws = ReadWorkingSet();
        _since.Restart();
        Interlocked.Exchange(ref _peakAtTicks, 0);
        Interlocked.Exchange(ref _peakWorkingSet, ws);
        NoteGcAtPeak();
    }

    /// <summary>What the GC holds now, kept as the peak's own breakdown (not the end's).</summary>
    private void NoteGcAtPeak()
    {
        Interlocked.Exchange(ref _peakGcCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
        Interlocked.Exchange(ref _peakHeap, GC.GetTotalMemory(false));
    }

    public void Dispose()
    {
        _stopped = true;
        _sampler.Join();
        _self.Dispose();
    }
}
