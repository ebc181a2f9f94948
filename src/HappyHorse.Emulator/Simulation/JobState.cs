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
    /// <summary>The vocabulary of /result (and of EmulatorServer.GetJobState), in the documented words.</summary>
    public static string ResultStatus(this JobState state) => state switch
    {
        JobState.InQueue => "in_queue",
        JobState.InProgress => "in_progress",
        JobState.Succeeded => Dialect.Succeeded,
        JobState.Failed => "failed",
        _ => Dialect.Cancelled,
    };

    /// <summary>/result's word in the dialect the options choose.</summary>
    public static string ResultStatus(this JobState state, EmulatorOptions options) => state switch
    {
        JobState.Succeeded => options.ResultSuccessWord,
        JobState.Cancelled => options.CancelledWord,
        _ => state.ResultStatus(),
    };

    /// <summary>The vocabulary of /status, in the dialect the options choose: a failed generation is "completed" too.</summary>
    public static string StatusStatus(this JobState state, EmulatorOptions options) => state switch
    {
        JobState.InQueue => "in_queue",
        JobState.InProgress => "in_progress",
        JobState.Succeeded or JobState.Failed => "completed",
        _ => options.CancelledWord,
    };

    public static bool IsFinished(this JobState state) => state >= JobState.Succeeded;
}
