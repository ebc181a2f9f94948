using System;

namespace HappyHorse.Api
{
    /// <summary>
    /// The API's status vocabulary. /status says completed even for failed generations, so only
    /// /result tells success from failure; unknown words are read as "still running".
    /// </summary>
    internal static class JobStates
    {
        public const string InQueue = "in_queue";
        public const string InProgress = "in_progress";
        public const string Completed = "completed";
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
        public const string Cancelled = "cancelled";

        /// <summary>Lower-cases and maps the spellings observed clients accept onto one word each.</summary>
        public static string Normalize(string? status)
        {
            if (string.IsNullOrWhiteSpace(status)) return "unknown";
            string s = status!.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            return s switch
            {
                "canceled" => Cancelled,
                "queued" or "pending" or "inqueue" => InQueue,
                "running" or "processing" or "inprogress" => InProgress,
                "success" or "successful" => Succeeded,
                "error" or "failure" => Failed,
                _ => s,
            };
        }

        /// <summary>True when polling can stop: the job will not change any more.</summary>
        public static bool IsFinished(string normalized) =>
            normalized == Completed || normalized == Succeeded || normalized == Failed || normalized == Cancelled;

        public static bool IsKnown(string normalized) =>
            normalized == InQueue || normalized == InProgress || IsFinished(normalized);
    }
}
