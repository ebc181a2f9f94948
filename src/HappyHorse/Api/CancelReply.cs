namespace HappyHorse.Api
{
    /// <summary>A /cancel answer: 202 either way; Outcome says whether it worked.</summary>
    internal sealed class CancelReply
    {
        public const string Cancelled = "cancelled";
        public const string NotCancellable = "not_cancellable";

        public CancelReply(string requestId, string status, string outcome)
        {
            RequestId = requestId;
            Status = status;
            Outcome = outcome;
        }

        public string RequestId { get; }
        public string Status { get; }
        public string Outcome { get; }
    }
}
