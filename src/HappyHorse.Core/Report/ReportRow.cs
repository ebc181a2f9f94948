using System;
using System.Collections.Generic;

namespace HappyHorse.Report
{
    /// <summary>
    /// What the report knows of one row's job. Several inputs may describe the same job (a journal
    /// entry, a result, a saved file's sidecar); they are merged into one row by request id.
    /// </summary>
    internal sealed class ReportRow
    {
        public int? Index { get; set; }

        /// <summary>The title column's cell (by default the CSV's name), or a stand-in such as the file name.</summary>
        public string? Title { get; set; }

        /// <summary>succeeded, failed, cancelled, not_submitted, unknown, submitting, in_queue or in_progress.</summary>
        public string? Status { get; set; }

        public string? RequestId { get; set; }

        /// <summary>The journal's identity of a row, so an unsubmitted row seen twice is one card.</summary>
        public string? RowKey { get; set; }

        public string? Model { get; set; }

        /// <summary>The API the job ran on: with Model, which catalog price applies.</summary>
        public string? BaseUri { get; set; }

        public string? Prompt { get; set; }
        public List<string> Images { get; } = new List<string>();
        public string? AspectRatio { get; set; }
        public string? Resolution { get; set; }
        public long? Duration { get; set; }
        public long? Seed { get; set; }

        /// <summary>USD as the service reported it.</summary>
        public double? Cost { get; set; }

        /// <summary>USD from the catalog price, when the session had read it.</summary>
        public decimal? EstimatedCost { get; set; }

        public DateTimeOffset? SubmittedAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }

        /// <summary>Why the row failed or was not submitted, in the service's or the module's words.</summary>
        public string? Message { get; set; }

        /// <summary>Full paths of the saved videos.</summary>
        public List<string> Files { get; } = new List<string>();

        /// <summary>The videos' URLs on the service's CDN (they expire).</summary>
        public List<string> VideoUrls { get; } = new List<string>();

        /// <summary>The row's earlier attempts (-RetryFailed), oldest first, as one line each.</summary>
        public List<string> EarlierAttempts { get; } = new List<string>();

        /// <summary>From the service's creation (or our submit) to its finish; null when either is unknown.</summary>
        public TimeSpan? GenerationTime
        {
            get
            {
                var start = CreatedAt ?? SubmittedAt;
                if (start == null || FinishedAt == null) return null;
                var span = FinishedAt.Value - start.Value;
                return span < TimeSpan.Zero ? (TimeSpan?)null : span;
            }
        }

        /// <summary>Fills what this row does not know from <paramref name="other"/>; a final status wins over a passing one.</summary>
        public void MergeFrom(ReportRow other)
        {
            Index ??= other.Index;
            Title ??= other.Title;
            if (ReportStatus.Rank(other.Status) > ReportStatus.Rank(Status)) Status = other.Status;
            RequestId ??= other.RequestId;
            RowKey ??= other.RowKey;
            Model ??= other.Model;
            BaseUri ??= other.BaseUri;
            Prompt ??= other.Prompt;
            if (Images.Count == 0) Images.AddRange(other.Images);
            AspectRatio ??= other.AspectRatio;
            Resolution ??= other.Resolution;
            Duration ??= other.Duration;
            Seed ??= other.Seed;
            Cost ??= other.Cost;
            EstimatedCost ??= other.EstimatedCost;
            SubmittedAt ??= other.SubmittedAt;
            CreatedAt ??= other.CreatedAt;
            FinishedAt ??= other.FinishedAt;
            Message ??= other.Message;
            AddMissing(Files, other.Files, StringComparer.Ordinal);
            AddMissing(VideoUrls, other.VideoUrls, StringComparer.Ordinal);
        }

        private static void AddMissing(List<string> into, List<string> from, StringComparer comparer)
        {
            foreach (var item in from)
                if (!into.Exists(x => comparer.Equals(x, item))) into.Add(item);
        }
    }
}
