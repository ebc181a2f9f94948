using System;

namespace HappyHorse.Report
{
    /// <summary>The statuses a card can show, how they read, and which one wins when two inputs disagree.</summary>
    internal static class ReportStatus
    {
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
        public const string Cancelled = "cancelled";
        public const string NotSubmitted = "not_submitted";

        /// <summary>The filter's order; anything else a journal or server says is shown as it is.</summary>
        public static readonly string[] Known = { Succeeded, Failed, Cancelled, NotSubmitted, "unknown", "submitting", "in_queue", "in_progress" };

        public static string Label(string? status)
        {
            switch (status)
            {
                case null: return "no status";
                case NotSubmitted: return "not submitted";
                case "unknown": return "outcome unknown";
                case "in_queue": return "queued";
                case "in_progress": return "running";
                default: return status.Replace('_', ' ');
            }
        }

        public static bool IsFinal(string? status) => status == Succeeded || status == Failed || status == Cancelled;

        /// <summary>A result that finished outranks a journal's earlier "in_queue", which outranks nothing.</summary>
        public static int Rank(string? status)
        {
            if (status == null) return 0;
            if (IsFinal(status)) return 4;
            if (status == "in_progress") return 3;
            if (status == "in_queue") return 2;
            return 1;
        }

        /// <summary>A status as a class and filter value: lower case letters, digits and underscores only.</summary>
        public static string Key(string? status)
        {
            if (string.IsNullOrEmpty(status)) return "none";
            var chars = status!.ToLowerInvariant().ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                if (!((chars[i] >= 'a' && chars[i] <= 'z') || (chars[i] >= '0' && chars[i] <= '9'))) chars[i] = '_';
            return new string(chars);
        }

        public static bool Is(string? status, string expected) => string.Equals(status, expected, StringComparison.Ordinal);
    }
}
