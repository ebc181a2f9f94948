using System.Diagnostics;

namespace HappyHorse.Bench;

/// <summary>
/// This process's working set, cheaply. On Linux it comes from /proc/self/statm (one short read):
/// Process.Refresh + WorkingSet64 parses stat and status and lists every thread, which profiles of
/// the save and storm benchmarks showed costing a noticeable share of the very CPU being measured.
/// </summary>
internal sealed class ResidentMemory(Process process)
{
    private readonly byte[] _statm = new byte[128];

    /// <summary>Not thread-safe: one reader per instance.</summary>
    public long WorkingSet()
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
        process.Refresh();
        return process.WorkingSet64;
    }
}
