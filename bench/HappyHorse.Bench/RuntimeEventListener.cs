using System.Diagnostics.Tracing;

namespace HappyHorse.Bench;

/// <summary>The runtime's own events of some kinds, in process, handed on only while <see cref="On"/>.</summary>
internal abstract class RuntimeEventListener : EventListener
{
    public volatile bool On;

    /// <summary>Read from the base constructor (sources that already exist are announced then): a constant, not a field.</summary>
    protected abstract EventKeywords Keywords { get; }

    protected abstract void OnRuntimeEvent(string name, EventWrittenEventArgs e);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, Keywords);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (On && e.EventName != null && e.Payload != null) OnRuntimeEvent(e.EventName, e);
    }

    protected static object? Payload(EventWrittenEventArgs e, string name)
    {
        int index = e.PayloadNames!.IndexOf(name);
        return index >= 0 ? e.Payload![index] : null;
    }
}
