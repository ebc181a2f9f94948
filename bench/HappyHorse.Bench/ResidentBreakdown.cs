namespace HappyHorse.Bench;

/// <summary>
/// Where this process's resident memory is, by kind, from /proc/self/smaps (Linux; zeros elsewhere):
/// the GC's committed heap as the GC reports it, code the JIT wrote (the runtime's double-mapped
/// executable memory), pages of mapped files (assemblies, native libraries) and the rest (thread
/// stacks, native allocations, the runtime's own data). Subtracting two of these says what an added
/// working set is made of, instead of guessing.
/// </summary>
internal readonly record struct ResidentBreakdown(long Total, long GcCommitted, long JitCode, long MappedFiles)
{
    public long Other => Total - GcCommitted - JitCode - MappedFiles;

    public static ResidentBreakdown Now()
    {
        long gc = GC.GetGCMemoryInfo().TotalCommittedBytes;
        if (!OperatingSystem.IsLinux()) return new ResidentBreakdown(0, gc, 0, 0);
        long total = 0, jit = 0, files = 0;
        string kind = "";
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsMappingLine(line))
            {
                string[] parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                string name = parts.Length > 5 ? parts[5] : "";
                kind = name.Contains("doublemapper", StringComparison.Ordinal) ? "jit" : name.StartsWith('/') ? "file" : "anon";
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                long kb = long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim());
                total += kb * 1024;
                if (kind == "jit") jit += kb * 1024;
                else if (kind == "file") files += kb * 1024;
            }
        }
        return new ResidentBreakdown(total, gc, jit, files);
    }

    /// <summary>"00400000-00452000 r-xp 00000000 08:02 173521 /usr/bin/dbus-daemon": an address range, then permissions.</summary>
    private static bool IsMappingLine(string line)
    {
        int dash = line.IndexOf('-');
        int space = line.IndexOf(' ');
        return dash > 0 && space > dash && line.AsSpan(0, dash).IndexOfAnyExcept("0123456789abcdef") < 0;
    }

    public static string Describe(ResidentBreakdown before, ResidentBreakdown after)
    {
        static string Mb(long bytes) => $"{bytes / 1048576.0:+0.0;-0.0;0.0} MB";
        return $"GC committed {Mb(after.GcCommitted - before.GcCommitted)}, JIT code {Mb(after.JitCode - before.JitCode)}, " +
               $"mapped files {Mb(after.MappedFiles - before.MappedFiles)}, other {Mb(after.Other - before.Other)} (resident {Mb(after.Total - before.Total)})";
    }
}
