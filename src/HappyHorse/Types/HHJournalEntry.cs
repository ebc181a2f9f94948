using System;
using System.Collections.Specialized;
using System.Management.Automation;

namespace HappyHorse
{
    /// <summary>One row's job as a journal records it: what Get-HHJournal writes.</summary>
    public sealed class HHJournalEntry
    {
        public int? Index { get; internal set; }

        /// <summary>The row's name: its `name` cell, when the journal kept the row.</summary>
        public string? Title { get; internal set; }
        public string? RequestId { get; internal set; }

        /// <summary>submitted, unknown (may exist and be charged), not_submitted, or submitting (a run ended mid-submit).</summary>
        public string SubmitState { get; internal set; } = "";

        /// <summary>The last status recorded: in_queue, in_progress, succeeded, failed or cancelled.</summary>
        public string? Status { get; internal set; }

        public bool IsFinished { get; internal set; }
        public string? Model { get; internal set; }
        public string? BaseUri { get; internal set; }
        public DateTimeOffset? SubmittedAt { get; internal set; }
        public DateTimeOffset UpdatedAt { get; internal set; }
        public string? VideoUrl { get; internal set; }
        public double? Cost { get; internal set; }
        public string[] Files { get; internal set; } = new string[0];
        public string? Message { get; internal set; }
        public OrderedDictionary Input { get; internal set; } = new HHInputFields(null);

        /// <summary>The CSV row the job was made from, as a PSCustomObject of its cells.</summary>
        public PSObject? Row { get; internal set; }

        /// <summary>How many times the row was sent (-RetryFailed adds one per retry); every other property is the last attempt's.</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>The row's attempts before the last one, oldest first (each with its own RequestId, Status and Message).</summary>
        public HHJournalEntry[] EarlierAttempts { get; internal set; } = new HHJournalEntry[0];

        public string RowKey { get; internal set; } = "";
        public string JournalPath { get; internal set; } = "";

        public override string ToString() => RequestId ?? "(row " + Index + ", " + SubmitState + ")";
    }
}
