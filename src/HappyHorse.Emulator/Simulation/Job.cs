namespace HappyHorse.Emulator.Simulation;

/// <summary>Mutable job record, owned by JobStore and touched only under its lock.</summary>
internal sealed class Job
{
    public required long Sequence { get; init; }
    public required string Id { get; init; }
    public required string Token { get; init; }
    public required string ModelId { get; init; }
    public required decimal CostUsd { get; init; }
    public required long GenerationTicks { get; init; }
    public required bool WillFail { get; init; }
    public required long CreatedTicks { get; init; }
    public long FinishedTicks { get; set; } = -1;
    public JobState State { get; set; } = JobState.InQueue;
}

/// <summary>A consistent copy taken under the lock, safe to read after it is released.</summary>
internal readonly record struct JobView(
    string Id,
    string Token,
    string ModelId,
    JobState State,
    int QueuePosition,
    decimal CostUsd,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
