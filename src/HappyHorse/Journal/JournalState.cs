using System;
using System.Collections.Generic;

namespace HappyHorse.Journal
{
    /// <summary>A journal's lines folded into one entry per row slot (row key and occurrence).</summary>
    internal sealed class JournalState
    {
        private readonly Dictionary<string, JournalJob> _bySlot = new Dictionary<string, JournalJob>(StringComparer.Ordinal);
        private readonly Dictionary<string, JournalJob> _byRequestId = new Dictionary<string, JournalJob>(StringComparer.Ordinal);
        private readonly List<JournalJob> _jobs = new List<JournalJob>();

        public IReadOnlyList<JournalJob> Jobs => _jobs;

        /// <summary>Lines that were not whole records; a torn last line after a power cut is one.</summary>
        public int SkippedLines { get; internal set; }

        public JournalJob? Find(string rowKey, int occurrence) =>
            _bySlot.TryGetValue(Slot(rowKey, occurrence), out var job) ? job : null;

        public JournalJob? FindRequest(string requestId) =>
            _byRequestId.TryGetValue(requestId, out var job) ? job : null;

        public void Apply(JournalRecord r)
        {
            JournalJob? job;
            if (r.Event == JournalEvents.Submitting && r.RowKey != null)
            {
                string slot = Slot(r.RowKey, r.Occurrence ?? 1);
                if (_bySlot.TryGetValue(slot, out var earlier)) _jobs.Remove(earlier);
                job = new JournalJob
                {
                    RowKey = r.RowKey, Occurrence = r.Occurrence ?? 1, Index = r.Index, Model = r.Model,
                    BaseUri = r.BaseUri, InputJson = r.InputJson, Row = r.Row, UpdatedAt = r.Time,
                };
                _bySlot[slot] = job;
                _jobs.Add(job);
                return;
            }

            job = r.RowKey != null ? Find(r.RowKey, r.Occurrence ?? 1) : null;
            if (job == null && r.RequestId != null) job = FindRequest(r.RequestId);
            if (job == null) return;
            job.UpdatedAt = r.Time;
            switch (r.Event)
            {
                case JournalEvents.Submitted:
                    job.SubmitState = r.Event;
                    job.RequestId = r.RequestId;
                    job.SubmittedAt = r.Time;
                    job.Status = job.Status ?? "in_queue";
                    if (r.RequestId != null) _byRequestId[r.RequestId] = job;
                    break;
                case JournalEvents.NotSubmitted:
                case JournalEvents.Unknown:
                    job.SubmitState = r.Event;
                    job.Message = r.Message;
                    break;
                case JournalEvents.Status:
                    if (!job.IsFinished) job.Status = r.Status;
                    break;
                case JournalEvents.Finished:
                    job.IsFinished = true;
                    job.Status = r.Status;
                    job.VideoUrl = r.VideoUrl ?? job.VideoUrl;
                    job.Message = r.Message;
                    job.Cost = r.Cost ?? job.Cost;
                    break;
                case JournalEvents.Saved:
                    if (r.File != null && !job.Files.Contains(r.File)) job.Files.Add(r.File);
                    break;
            }
        }

        private static string Slot(string rowKey, int occurrence) => rowKey + "#" + occurrence;
    }
}
