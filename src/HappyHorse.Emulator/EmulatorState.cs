using HappyHorse.Emulator.Simulation;

namespace HappyHorse.Emulator;

/// <summary>Everything the endpoints share, built once per server.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(EmulatorOptions options)
    {
        Options = options;
        Seed = options.Seed ?? FreshSeed();
        Jobs = new JobStore(options, Seed);
        FaultDraws = new SeededRandom(Seed);
        GenerationDraws = new SeededRandom(GenerationSeed(Seed));
        StatusDraws = new SeededRandom(StatusSeed(Seed));
    }

    public EmulatorOptions Options { get; }

    /// <summary>The seed in use: <see cref="EmulatorOptions.Seed"/>, or one drawn at start (and at each reset) when none was given.</summary>
    public int Seed { get; private set; }
    public EmulatorAccounting Accounting { get; } = new();
    public ModelCatalog Catalog { get; } = new();
    public SubmissionLog Submissions { get; } = new();
    public JobStore Jobs { get; }
    public SeededRandom FaultDraws { get; }
    public SeededRandom GenerationDraws { get; }
    public SeededRandom StatusDraws { get; }
    private readonly object _balanceGate = new();
    private decimal _spent;

    /// <summary>Reserves the cost against BalanceUsd; false when the account cannot pay.</summary>
    public bool TryCharge(decimal cost)
    {
        lock (_balanceGate)
        {
            if (Options.BalanceUsd is { } balance && _spent + cost > balance) return false;
            _spent += cost;
            return true;
        }
    }

    public void Reset()
    {
        // Unseeded, a reset is a new run: its request ids must not repeat the ones handed out before.
        if (Options.Seed is null) Seed = FreshSeed();
        Jobs.Reset(Seed);
        Accounting.Reset();
        Options.Faults.Clear();
        Submissions.Clear();
        FaultDraws.Reset(Seed);
        GenerationDraws.Reset(GenerationSeed(Seed));
        StatusDraws.Reset(StatusSeed(Seed));
        lock (_balanceGate) _spent = 0;
    }

    private static int FreshSeed() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);

    private static int GenerationSeed(int seed) => unchecked(seed * 31 + 7);

    private static int StatusSeed(int seed) => unchecked(seed * 31 + 13);
}
