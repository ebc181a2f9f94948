using System.Globalization;

namespace HappyHorse.Bench;

/// <summary>
/// CPU of this process's threads by name (/proc/self/task/*/schedstat, nanoseconds), so a window's
/// CPU can be split between the thread pool's workers, the socket engine, timers, the runtime's
/// compiler and PowerShell's pipeline thread. Threads that end between two snapshots are lost; it is
/// a breakdown to look at, not a figure.
/// </summary>
internal sealed class ThreadCpu
{
    private readonly Dictionary<int, (string Name, long Nanoseconds)> _threads = new();

    public static ThreadCpu Now()
    {
        var snapshot = new ThreadCpu();
        try
        {
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    int id = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                    string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                    long ns = long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                    snapshot._threads[id] = (name, ns);
                }
                catch (IOException) { } // ended meanwhile
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return snapshot;
    }

    /// <summary>"TP Worker 610 ms (9 threads), Sockets 40 ms, …": CPU since <paramref name="start"/> by thread name, largest first.</summary>
    public string Since(ThreadCpu start, int requests)
    {
        var byName = new Dictionary<string, (double Ms, int Threads)>();
        foreach (var (id, (name, ns)) in _threads)
        {
            long before = start._threads.TryGetValue(id, out var s) && s.Name == name ? s.Nanoseconds : 0;
            double ms = (ns - before) / 1e6;
            if (ms <= 0) continue;
            string key = name.StartsWith(".NET ", StringComparison.Ordinal) ? name[5..] : name;
            byName[key] = byName.TryGetValue(key, out var t) ? (t.Ms + ms, t.Threads + 1) : (ms, 1);
        }
        int started = _threads.Keys.Count(id => !start._threads.ContainsKey(id)), ended = start._threads.Keys.Count(id => !_threads.ContainsKey(id));
        string churn = started + ended > 0 ? $"; {started} thread(s) started and {ended} ended meanwhile, their CPU before the end lost" : "";
        return string.Join(", ", byName.OrderByDescending(p => p.Value.Ms).Where(p => p.Value.Ms >= 1).Select(p =>
            FormattableString.Invariant($"{p.Key} {p.Value.Ms:F0} ms{(p.Value.Threads > 1 ? $" ({p.Value.Threads} threads)" : "")}{(requests > 0 ? $" = {p.Value.Ms / requests * 1000:F1} µs/request" : "")}"))) + churn;
    }
}
