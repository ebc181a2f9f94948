namespace HappyHorse.Api
{
    /// <summary>A /cancel answer: 202 either way; Outcome says whether it worked.</summary>
    internal sealed class CancelReply
    {
        public const string Cancelled = "cancelled";
        public const string NotCancellable = "not_cancellable";

        /// <summary>The cancel was accepted and takes effect shortly: the job ends cancelled, and a wait sees it end.</summary>
        public const string CancellationRequested = "cancellation_requested";

        public CancelReply(string requestId, string status, string outcome)
        {
            RequestId = requestId;
            Status = status;
            Outcome = outcome;
        }

        public string RequestId { get; }

        /// <summary>The job's status as the answer gave it (normalised); empty when the answer had only an outcome that does not imply one.</summary>
        public string Status { get; }

        public string Outcome { get; }

        /// <summary>True when the job is, or is about to be, cancelled.</summary>
        public bool Accepted => Outcome == Cancelled || Outcome == CancellationRequested;

        /// <summary>
        /// The outcome in one spelling: <c>canceled</c> is <c>cancelled</c>; a missing outcome is read
        /// from the status. Other words are kept (lower-cased) and count as not cancelled.
        /// </summary>
        public static string NormalizeOutcome(string? outcome, string normalizedStatus)
        {
            if (string.IsNullOrWhiteSpace(outcome))
                return normalizedStatus == JobStates.Cancelled ? Cancelled : NotCancellable;
            string word = JobStates.Normalize(outcome);
            return word switch
            {
                "cancelation_requested" => CancellationRequested,
                _ => word,
            };
        }
    }
}
