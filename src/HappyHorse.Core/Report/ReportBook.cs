using System;
using System.Collections.Generic;
using System.Linq;

namespace HappyHorse.Report
{
    /// <summary>The rows of a report, one per job: inputs that name the same job are merged, in row order.</summary>
    internal sealed class ReportBook
    {
        private readonly List<ReportRow> _rows = new List<ReportRow>();
        private readonly Dictionary<string, ReportRow> _byRequest = new Dictionary<string, ReportRow>(StringComparer.Ordinal);
        private readonly Dictionary<string, ReportRow> _byRowKey = new Dictionary<string, ReportRow>(StringComparer.Ordinal);

        public int Count => _rows.Count;

        public ReportRow? FindRequest(string requestId) => _byRequest.TryGetValue(requestId, out var row) ? row : null;

        public bool HasIndex(int index) => _rows.Exists(r => r.Index == index);

        public void Add(ReportRow row)
        {
            ReportRow? known = null;
            if (row.RequestId != null) _byRequest.TryGetValue(row.RequestId, out known);
            else if (row.RowKey != null) _byRowKey.TryGetValue(row.RowKey, out known);
            if (known != null)
            {
                known.MergeFrom(row);
                Remember(known);
                return;
            }
            _rows.Add(row);
            Remember(row);
        }

        /// <summary>By Index (rows without one last), then submit time, then request id: a stable order for any input order.</summary>
        public IReadOnlyList<ReportRow> Ordered() => _rows
            .OrderBy(r => r.Index ?? int.MaxValue)
            .ThenBy(r => r.SubmittedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.RequestId ?? "", StringComparer.Ordinal)
            .ToList();

        private void Remember(ReportRow row)
        {
            if (row.RequestId != null) _byRequest[row.RequestId] = row;
            if (row.RowKey != null && row.RequestId == null) _byRowKey[row.RowKey] = row;
        }
    }
}
