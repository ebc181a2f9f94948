using System;
using System.Text;

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

        // A server word is shown in progress bars and errors: it must stay short and unable to drive the console.
        private const int MaxWordLength = 64;

        /// <summary>Lower-cases and maps the spellings observed clients accept onto one word each.</summary>
        public static string Normalize(string? status)
        {
            if (string.IsNullOrWhiteSpace(status)) return "unknown";
            string s = status!.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            // The documented words map onto the constants too: a fresh copy of "in_queue" per poll cost three
            // allocations, and every awaited job kept its own copies in its ticket (800 KB for 10,000 jobs).
            return s switch
            {
                InQueue or "queued" or "pending" or "inqueue" => InQueue,
                InProgress or "running" or "processing" or "inprogress" => InProgress,
                Completed => Completed,
                Succeeded or "success" or "successful" => Succeeded,
                Failed or "error" or "failure" => Failed,
                Cancelled or "canceled" => Cancelled,
                _ => Printable(s),
            };
        }

        /// <summary>
        /// What a /result answer means. RunComfy's own clients take <c>completed</c> there as well as
        /// <c>succeeded</c>: with an output it is a success, with an error a failure, and with neither
        /// a job that ended without a video — a failure too, never a reason to keep polling.
        /// </summary>
        public static string OfResult(string normalized, bool hasOutput)
        {
            if (normalized == Completed) return hasOutput ? Succeeded : Failed;
            return normalized;
        }

        /// <summary>True when polling can stop: the job will not change any more.</summary>
        public static bool IsFinished(string normalized) =>
            normalized == Completed || normalized == Succeeded || normalized == Failed || normalized == Cancelled;

        public static bool IsKnown(string normalized) =>
            normalized == InQueue || normalized == InProgress || IsFinished(normalized);

        private static string Printable(string word)
        {
            var shown = new StringBuilder(Math.Min(word.Length, MaxWordLength + 1));
            foreach (char c in word)
            {
                if (shown.Length == MaxWordLength) return shown.Append('…').ToString();
                shown.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
            }
            return shown.ToString();
        }
    }
}
