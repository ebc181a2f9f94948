using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace HappyHorse.Bench;

/// <summary>The runtime's allocation sampling (an event per ~100 KB allocated, naming the type that crossed it): where allocations go, by type.</summary>
internal sealed class AllocationTicks : RuntimeEventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    protected override EventKeywords Keywords => (EventKeywords)0x1;

    protected override void OnRuntimeEvent(string name, EventWrittenEventArgs e)
    {
        if (name != "GCAllocationTick_V4") return;
        string type = Payload(e, "TypeName")?.ToString() ?? "?";
        long amount = Payload(e, "AllocationAmount64") is object a ? Convert.ToInt64(a) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }

    public IEnumerable<(string Type, long Bytes)> Top(int n) => _bytes.OrderByDescending(p => p.Value).Take(n).Select(p => (p.Key, p.Value));
}
