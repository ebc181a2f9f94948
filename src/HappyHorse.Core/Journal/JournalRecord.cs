using System;
using System.Collections.Generic;

namespace HappyHorse.Journal
{
    /// <summary>One line of a journal. Only the members an event needs are set; the rest stay null.</summary>
    internal sealed class JournalRecord
    {
        public DateTimeOffset Time { get; set; } = DateTimeOffset.UtcNow;
        public string Event { get; set; } = "";

        /// <summary>Hash of model and request body: the same row of the same CSV has the same key in every run.</summary>
        public string? RowKey { get; set; }

        /// <summary>1 for the first row in a run with this key, 2 for an identical second row, and so on.</summary>
        public int? Occurrence { get; set; }

        public int? Index { get; set; }
        public string? RequestId { get; set; }
        public string? Model { get; set; }
        public string? BaseUri { get; set; }

        /// <summary>The request body exactly as sent (a JSON object).</summary>
        public string? InputJson { get; set; }

        /// <summary>The pipeline row's own properties (e.g. every CSV cell), as text.</summary>
        public IDictionary<string, string?>? Row { get; set; }

        public string? Status { get; set; }
        public string? Message { get; set; }
        public string? VideoUrl { get; set; }
        public double? Cost { get; set; }
        public string? File { get; set; }
    }
}
