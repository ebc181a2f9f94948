namespace HappyHorse.Emulator.Simulation;

/// <summary>
/// Simulation time in ticks since the clock was made. Monotonic timestamps drive the simulation so a
/// wall-clock jump cannot reorder jobs; wall time is only used to label them.
/// </summary>
internal sealed class SimulationClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _origin;
    private readonly long _originTimestamp;

    public SimulationClock(TimeProvider time)
    {
        _time = time;
        _origin = time.GetUtcNow();
        _originTimestamp = time.GetTimestamp();
    }

    public long Now => _time.GetElapsedTime(_originTimestamp).Ticks;

    public DateTimeOffset ToWallClock(long ticks) => _origin.AddTicks(ticks);
}
