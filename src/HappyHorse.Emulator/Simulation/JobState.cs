namespace HappyHorse.Emulator.Simulation;

internal enum JobState
{
    InQueue,
    InProgress,
    Succeeded,
    Failed,
    Cancelled,
}

internal static class JobStateNames
{
    /// <summary>The vocabulary of /result (and of EmulatorServer.GetJobState).</summary>
    public static string ResultStatus(this JobState state) => state switch
    {
        JobState.InQueue => "in_queue",
        JobState.InProgress => "in_progress",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        _ => "cancelled",
    };

    /// <summary>The vocabulary of /status: a failed generation is "completed" too.</summary>
    public static string StatusStatus(this JobState state) => state switch
    {
        JobState.InQueue => "in_queue",
        JobState.InProgress => "in_progress",
        JobState.Succeeded or JobState.Failed => "completed",
        _ => "cancelled",
    };

    public static bool IsFinished(this JobState state) => state >= JobState.Succeeded;
}
