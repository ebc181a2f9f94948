namespace HappyHorse.Emulator;

/// <summary>
/// Fault rates and latencies. Tests flip these between steps while requests are in flight, so every
/// slot is read and written with Volatile and no method takes a lock.
/// </summary>
public sealed class FaultSettings
{
    private static readonly int EndpointCount = Enum.GetValues<EmulatorEndpoint>().Length;
    private static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>();

    private readonly double[] _rates = new double[EndpointCount * Kinds.Length];
    private readonly int[] _latencyMs = new int[EndpointCount];
    private int _latencyAllMs;
    private double _failedGenerationRate;
    private double _unknownStatusRate;
    private string? _failPromptContaining;

    /// <summary>
    /// Probability (0..1) that a request to <paramref name="endpoint"/> meets <paramref name="kind"/>.
    /// Kinds of one endpoint share a single draw, so their rates add up (capped at 1).
    /// </summary>
    public void Set(EmulatorEndpoint endpoint, FaultKind kind, double rate) =>
        Volatile.Write(ref _rates[Index(endpoint, kind)], CheckRate(rate));

    public double Get(EmulatorEndpoint endpoint, FaultKind kind) => Volatile.Read(ref _rates[Index(endpoint, kind)]);

    /// <summary>Adds latency to one endpoint, or to all when <paramref name="endpoint"/> is null; both add up.</summary>
    public void SetLatency(EmulatorEndpoint? endpoint, int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        if (endpoint is { } e) Volatile.Write(ref _latencyMs[(int)e], milliseconds);
        else Volatile.Write(ref _latencyAllMs, milliseconds);
    }

    /// <summary>The configured value (not the sum): null reads the all-endpoints latency.</summary>
    public int GetLatency(EmulatorEndpoint? endpoint) =>
        endpoint is { } e ? Volatile.Read(ref _latencyMs[(int)e]) : Volatile.Read(ref _latencyAllMs);

    /// <summary>Share of jobs whose generation ends failed (decided at submission).</summary>
    public double FailedGenerationRate
    {
        get => Volatile.Read(ref _failedGenerationRate);
        set => Volatile.Write(ref _failedGenerationRate, CheckRate(value));
    }

    /// <summary>
    /// Jobs whose prompt contains this text (ordinal) end failed, whatever the rate draws: lets a test
    /// choose exactly which rows fail. Null or empty: none.
    /// </summary>
    public string? FailPromptContaining
    {
        get => Volatile.Read(ref _failPromptContaining);
        set => Volatile.Write(ref _failPromptContaining, string.IsNullOrEmpty(value) ? null : value);
    }

    /// <summary>Share of status answers that carry an undocumented status string ("warming_up").</summary>
    public double UnknownStatusRate
    {
        get => Volatile.Read(ref _unknownStatusRate);
        set => Volatile.Write(ref _unknownStatusRate, CheckRate(value));
    }

    public void Clear()
    {
        for (int i = 0; i < _rates.Length; i++) Volatile.Write(ref _rates[i], 0);
        for (int i = 0; i < _latencyMs.Length; i++) Volatile.Write(ref _latencyMs[i], 0);
        Volatile.Write(ref _latencyAllMs, 0);
        FailedGenerationRate = 0;
        FailPromptContaining = null;
        UnknownStatusRate = 0;
    }

    internal int EffectiveLatency(EmulatorEndpoint endpoint) =>
        Volatile.Read(ref _latencyAllMs) + Volatile.Read(ref _latencyMs[(int)endpoint]);

    internal bool AnyFault(EmulatorEndpoint endpoint)
    {
        foreach (FaultKind kind in Kinds)
        {
            if (Get(endpoint, kind) > 0) return true;
        }
        return false;
    }

    /// <summary>Maps one uniform draw in [0,1) onto consecutive slices, one per kind.</summary>
    internal FaultKind? Pick(EmulatorEndpoint endpoint, double draw)
    {
        double edge = 0;
        foreach (FaultKind kind in Kinds)
        {
            edge += Get(endpoint, kind);
            if (draw < edge) return kind;
        }
        return null;
    }

    private static int Index(EmulatorEndpoint endpoint, FaultKind kind) => ((int)endpoint * Kinds.Length) + (int)kind;

    private static double CheckRate(double rate)
    {
        if (double.IsNaN(rate) || rate < 0 || rate > 1)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate is between 0 and 1.");
        return rate;
    }
}
