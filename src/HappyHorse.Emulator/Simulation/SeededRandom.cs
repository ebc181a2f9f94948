namespace HappyHorse.Emulator.Simulation;

/// <summary>
/// One seeded stream of draws shared by concurrent requests. Each purpose (faults, failures, statuses)
/// has its own stream so enabling one kind of fault does not shift the draws of another.
/// </summary>
internal sealed class SeededRandom
{
    private readonly object _gate = new();
    private int _seed;
    private Random _random;

    public SeededRandom(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
    }

    /// <summary>True with probability <paramref name="rate"/>; no draw is consumed when the rate is 0.</summary>
    public bool Chance(double rate) => rate > 0 && NextDouble() < rate;

    public double NextDouble()
    {
        lock (_gate) return _random.NextDouble();
    }

    /// <summary>Starts the stream over, from its own seed or from a new one.</summary>
    public void Reset(int? seed = null)
    {
        lock (_gate)
        {
            _seed = seed ?? _seed;
            _random = new Random(_seed);
        }
    }
}
