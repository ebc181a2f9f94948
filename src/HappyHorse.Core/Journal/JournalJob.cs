using System;
using System.Collections.Generic;

namespace HappyHorse.Journal
{
    /// <summary>What a journal knows of one row's job, replayed from its lines.</summary>
    internal sealed class JournalJob
    {
        public string RowKey { get; internal set; } = "";
        public int Occurrence { get; internal set; }
        public int? Index { get; internal set; }
        public string? Model { get; internal set; }
        public string? BaseUri { get; internal set; }
        public string? InputJson { get; internal set; }
        public IDictionary<string, string?>? Row { get; internal set; }

        /// <summary>submitting (a crash mid-submit), submitted, unknown or not_submitted: the last submit event.</summary>
        public string SubmitState { get; internal set; } = JournalEvents.Submitting;

        public string? RequestId { get; internal set; }
        public DateTimeOffset? SubmittedAt { get; internal set; }

        /// <summary>The last status seen: in_queue, in_progress, succeeded, failed, cancelled.</summary>
        public string? Status { get; internal set; }

        public bool IsFinished { get; internal set; }
        public string? VideoUrl { get; internal set; }
        public string? Message { get; internal set; }
        public double? Cost { get; internal set; }
        public List<string> Files { get; } = new List<string>();
        public DateTimeOffset UpdatedAt { get; internal set; }

        /// <summary>1 for a row's first submit; a new submit after a failed (or unknown) one is the next attempt.</summary>
        public int Attempt { get; internal set; } = 1;

        /// <summary>The row's earlier attempts, oldest first; this entry is the latest.</summary>
        public List<JournalJob> EarlierAttempts { get; } = new List<JournalJob>();

        /// <summary>The job ran and the service said it failed: what -RetryFailed sends again.</summary>
        public bool EndedFailed => IsFinished && Status == "failed";

        /// <summary>A pipeline of this process has claimed the row and its submit has not ended yet.</summary>
        internal bool InFlight { get; set; }

        /// <summary>The submit may have created a paid job that nobody heard about.</summary>
        public bool OutcomeUnknown => SubmitState == JournalEvents.Unknown || SubmitState == JournalEvents.Submitting;
    }
}
