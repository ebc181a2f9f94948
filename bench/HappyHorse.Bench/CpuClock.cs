using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HappyHorse.Bench;

/// <summary>
/// CPU seconds, which a loaded machine disturbs far less than wall time: this process's, and its
/// reaped children's (getrusage RUSAGE_CHILDREN, so a curl run's own CPU once it has exited).
/// </summary>
internal static class CpuClock
{
    public static double Self() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>CPU of every child waited for so far; NaN off Linux.</summary>
    public static double Children()
    {
        if (!OperatingSystem.IsLinux()) return double.NaN;
        var usage = new RUsage();
        if (getrusage(-1, ref usage) != 0) return double.NaN;
        return usage.UserSeconds + usage.UserMicros / 1e6 + usage.SystemSeconds + usage.SystemMicros / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, ref RUsage usage);
}
