namespace HappyHorse.Journal
{
    /// <summary>The event names written to a journal line's "event" field.</summary>
    internal static class JournalEvents
    {
        /// <summary>Written and flushed before the submit is sent: a crash after this line leaves the outcome unknown.</summary>
        public const string Submitting = "submitting";

        /// <summary>The server accepted the job: carries the request id.</summary>
        public const string Submitted = "submitted";

        /// <summary>The server proved it did not take the job (validation, 429, refused): a re-run may send the row again.</summary>
        public const string NotSubmitted = "not_submitted";

        /// <summary>The submit may or may not have created a job: never re-sent without being asked.</summary>
        public const string Unknown = "unknown";

        /// <summary>A status change seen while waiting.</summary>
        public const string Status = "status";

        /// <summary>The job's final result: succeeded, failed or cancelled.</summary>
        public const string Finished = "finished";

        /// <summary>An output saved to disk.</summary>
        public const string Saved = "saved";
    }
}
