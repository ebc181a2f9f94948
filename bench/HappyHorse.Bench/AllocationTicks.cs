using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace HappyHorse.Bench;

/// <summary>The runtime's allocation sampling (an event per ~100 KB allocated, naming the type that crossed it): where allocations go, by type.</summary>
internal sealed class AllocationTicks : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    public volatile bool On;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!On || e.EventName != "GCAllocationTick_V4" || e.Payload == null) return;
        int typeIndex = e.PayloadNames!.IndexOf("TypeName");
        int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        string type = typeIndex >= 0 ? e.Payload[typeIndex]?.ToString() ?? "?" : "?";
        long amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex]) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }

    public IEnumerable<(string Type, long Bytes)> Top(int n) => _bytes.OrderByDescending(p => p.Value).Take(n).Select(p => (p.Key, p.Value));
}
