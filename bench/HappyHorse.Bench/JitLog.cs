using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace HappyHorse.Bench;

/// <summary>
/// The methods the runtime compiles while <see cref="On"/> (its JIT events, in process), counted by
/// namespace: what a window's JIT time was spent on — the module's code, PowerShell's, the runtime's,
/// or the bench's own — instead of a guess.
/// </summary>
internal sealed class JitLog : RuntimeEventListener
{
    private readonly ConcurrentDictionary<string, int> _byNamespace = new();

    protected override EventKeywords Keywords => (EventKeywords)0x10;

    protected override void OnRuntimeEvent(string name, EventWrittenEventArgs e)
    {
        if (!name.StartsWith("MethodLoadVerbose", StringComparison.Ordinal)) return;
        string type = Payload(e, "MethodNamespace")?.ToString() ?? "?";
        _byNamespace.AddOrUpdate(Root(type), 1, (_, n) => n + 1);
        if (_names != null) _names.Enqueue($"{type}::{Payload(e, "MethodName")} (tier {Payload(e, "MethodFlags")})");
    }

    private readonly ConcurrentQueue<string>? _names;

    /// <param name="names">Keep every method's name too (<see cref="TakeNames"/>).</param>
    public JitLog(bool names = false) => _names = names ? new ConcurrentQueue<string>() : null;

    /// <summary>The methods compiled since the last call, each once with how often.</summary>
    public IEnumerable<string> TakeNames()
    {
        var all = new List<string>();
        while (_names != null && _names.TryDequeue(out string? name)) all.Add(name);
        return all.GroupBy(n => n).OrderByDescending(g => g.Count()).Select(g => $"{g.Count(),3} {g.Key}");
    }

    /// <summary>"System.Net.Http.HttpConnection+&lt;SendAsync&gt;d__56" → "System.Net.Http"; a generic's arguments are left out.</summary>
    private static string Root(string type)
    {
        int cut = type.IndexOfAny(['`', '+', '[']);
        string name = cut > 0 ? type[..cut] : type;
        int dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>"42 methods: 20 System.Net.Http, 12 HappyHorse.Waiting, …" and clears the count.</summary>
    public string TakeSummary(int top = 6)
    {
        var counts = _byNamespace.ToArray();
        _byNamespace.Clear();
        int total = counts.Sum(c => c.Value);
        return $"{total} methods" + (total == 0 ? "" : ": " + string.Join(", ", counts.OrderByDescending(c => c.Value).Take(top).Select(c => $"{c.Value} {c.Key}")));
    }
}
