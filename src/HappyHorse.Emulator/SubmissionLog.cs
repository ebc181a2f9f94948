namespace HappyHorse.Emulator;

/// <summary>Accepted bodies in order, and which of them repeat an earlier one (a blind retry of a paid submit).</summary>
internal sealed class SubmissionLog
{
    private readonly object _gate = new();
    private readonly List<string> _bodies = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <returns>True when the same model already accepted an equivalent body.</returns>
    public bool Record(string modelId, string rawBody, string canonicalBody)
    {
        lock (_gate)
        {
            _bodies.Add(rawBody);
            return !_seen.Add(modelId + "\n" + canonicalBody);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate) return _bodies.ToArray();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _bodies.Clear();
            _seen.Clear();
        }
    }
}
