using System;
using System.Collections.Generic;

namespace HappyHorse.Report
{
    /// <summary>The numbers at the top of the page.</summary>
    internal sealed class ReportSummary
    {
        public int Rows { get; private set; }
        public int Succeeded { get; private set; }
        public int Failed { get; private set; }
        public int Cancelled { get; private set; }
        public int NotSubmitted { get; private set; }

        /// <summary>Queued, running, or with an unknown outcome when the report was written.</summary>
        public int Other => Rows - Succeeded - Failed - Cancelled - NotSubmitted;

        public double ActualCost { get; private set; }
        public int RowsWithCost { get; private set; }
        public decimal EstimatedCost { get; private set; }
        public int RowsWithEstimate { get; private set; }
        public DateTimeOffset? FirstSubmit { get; private set; }
        public DateTimeOffset? LastFinish { get; private set; }
        public List<double> GenerationSeconds { get; } = new List<double>();

        /// <summary>The one model of the batch, or null when rows name several (each card then shows its own).</summary>
        public string? Model { get; private set; }

        public static ReportSummary Of(IReadOnlyList<ReportRow> rows)
        {
            var s = new ReportSummary { Rows = rows.Count };
            var models = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (ReportStatus.Is(row.Status, ReportStatus.Succeeded)) s.Succeeded++;
                else if (ReportStatus.Is(row.Status, ReportStatus.Failed)) s.Failed++;
                else if (ReportStatus.Is(row.Status, ReportStatus.Cancelled)) s.Cancelled++;
                else if (ReportStatus.Is(row.Status, ReportStatus.NotSubmitted)) s.NotSubmitted++;
                if (row.Cost.HasValue) { s.ActualCost += row.Cost.Value; s.RowsWithCost++; }
                if (row.EstimatedCost.HasValue) { s.EstimatedCost += row.EstimatedCost.Value; s.RowsWithEstimate++; }
                var start = row.SubmittedAt ?? row.CreatedAt;
                if (start.HasValue && (s.FirstSubmit == null || start < s.FirstSubmit)) s.FirstSubmit = start;
                if (row.FinishedAt.HasValue && (s.LastFinish == null || row.FinishedAt > s.LastFinish)) s.LastFinish = row.FinishedAt;
                if (row.GenerationTime is TimeSpan took) s.GenerationSeconds.Add(took.TotalSeconds);
                if (row.Model != null) models.Add(row.Model);
            }
            if (models.Count == 1) foreach (var m in models) s.Model = m;
            return s;
        }
    }
}
