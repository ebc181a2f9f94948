namespace HappyHorse.Emulator;

/// <summary>
/// The words the emulator can speak where RunComfy's documentation and its own clients differ
/// (see <see cref="EmulatorOptions.ResultSuccessWord"/> and the cancel options).
/// </summary>
public static class Dialect
{
    public const string Succeeded = "succeeded";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Canceled = "canceled";
    public const string CancellationRequested = "cancellation_requested";
    public const string NotCancellable = "not_cancellable";

    public static readonly IReadOnlyList<string> ResultSuccessWords = [Succeeded, Completed];
    public static readonly IReadOnlyList<string> CancelledWords = [Cancelled, Canceled];
}
