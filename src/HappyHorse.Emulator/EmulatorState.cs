using HappyHorse.Emulator.Simulation;

namespace HappyHorse.Emulator;

/// <summary>Everything the endpoints share, built once per server.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(EmulatorOptions options)
    {
        Options = options;
        Jobs = new JobStore(options);
        FaultDraws = new SeededRandom(options.Seed);
        GenerationDraws = new SeededRandom(unchecked(options.Seed * 31 + 7));
        StatusDraws = new SeededRandom(unchecked(options.Seed * 31 + 13));
    }

    public EmulatorOptions Options { get; }
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
        Jobs.Reset();
        Accounting.Reset();
        Options.Faults.Clear();
        Submissions.Clear();
        FaultDraws.Reset();
        GenerationDraws.Reset();
        StatusDraws.Reset();
        lock (_balanceGate) _spent = 0;
    }
}
