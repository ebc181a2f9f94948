using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HappyHorse.Journal
{
    /// <summary>A journal's lines folded into one entry per row slot (row key and occurrence).</summary>
    internal sealed class JournalState
    {
        internal const string UnreadableMessage = "a journal line of this row could not be read, so whether it was submitted is unknown";

        // What can still be recovered from a damaged line: which row it was about.
        private static readonly Regex RowKeyText = new Regex("\"row_key\"\\s*:\\s*\"(?<key>[0-9a-f]{64})\"", RegexOptions.CultureInvariant);
        private static readonly Regex OccurrenceText = new Regex("\"occurrence\"\\s*:\\s*(?<n>[0-9]{1,9})\\s*[,}]", RegexOptions.CultureInvariant);

        private static readonly Regex TimeText = new Regex("\"time\"\\s*:\\s*\"(?<t>[^\"]{1,40})\"", RegexOptions.CultureInvariant);
        private static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private readonly Dictionary<string, JournalJob> _bySlot = new Dictionary<string, JournalJob>(StringComparer.Ordinal);
        private readonly Dictionary<string, JournalJob> _byRequestId = new Dictionary<string, JournalJob>(StringComparer.Ordinal);
        private readonly List<JournalJob> _jobs = new List<JournalJob>();
        private readonly HashSet<string> _unreadableSlots = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _unreadableKeys = new HashSet<string>(StringComparer.Ordinal);

        public IReadOnlyList<JournalJob> Jobs => _jobs;

        /// <summary>Lines that were not whole records; a torn last line after a power cut is one.</summary>
        public int SkippedLines { get; internal set; }

        /// <summary>
        /// The row slot's entry. A slot whose every occurrence is in doubt (a damaged line named the
        /// row but not which copy) answers with an unknown outcome even when nothing else is known.
        /// </summary>
        public JournalJob? Find(string rowKey, int occurrence)
        {
            if (_bySlot.TryGetValue(Slot(rowKey, occurrence), out var job)) return job;
            return _unreadableKeys.Contains(rowKey)
                ? new JournalJob { RowKey = rowKey, Occurrence = occurrence, SubmitState = JournalEvents.Unknown, Message = UnreadableMessage }
                : null;
        }

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
                if (earlier != null) ContinueAttempts(earlier, job);
                _bySlot[slot] = job;
                _jobs.Add(job);
                MarkIfInDoubt(job);
                return;
            }

            job = r.RowKey != null ? Known(r.RowKey, r.Occurrence ?? 1) : null;
            if (job == null && r.RequestId != null) job = FindRequest(r.RequestId);
            // The row's "submitting" line is missing or unreadable: the later record alone still says what happened.
            if (job == null && r.RowKey != null && IsSubmitOutcome(r.Event)) job = Add(r.RowKey, r.Occurrence ?? 1, r.Index, r.Time);
            if (job == null) return;
            job.UpdatedAt = r.Time;
            switch (r.Event)
            {
                case JournalEvents.Submitted:
                    job.SubmitState = r.Event;
                    job.InFlight = false;
                    job.RequestId = r.RequestId;
                    job.SubmittedAt = r.Time;
                    job.Status = job.Status ?? "in_queue";
                    if (r.RequestId != null) _byRequestId[r.RequestId] = job;
                    break;
                case JournalEvents.NotSubmitted:
                case JournalEvents.Unknown:
                    job.SubmitState = r.Event;
                    job.InFlight = false;
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
            MarkIfInDoubt(job);
        }

        /// <summary>
        /// A new submit of a row slot after an earlier one: a submit that reached (or may have reached)
        /// the service is an attempt of its own; one proven unsent is just replaced.
        /// </summary>
        private static void ContinueAttempts(JournalJob earlier, JournalJob next)
        {
            next.EarlierAttempts.AddRange(earlier.EarlierAttempts);
            if (earlier.SubmitState == JournalEvents.NotSubmitted)
            {
                next.Attempt = earlier.Attempt;
                return;
            }
            next.EarlierAttempts.Add(earlier);
            next.Attempt = earlier.Attempt + 1;
        }

        /// <summary>
        /// A line that is not a whole record. When it still names its row, that row's outcome becomes
        /// unknown (unless a readable "submitted" record says otherwise): never "not submitted".
        /// </summary>
        public void ApplyUnreadable(string line)
        {
            SkippedLines++;
            var key = RowKeyText.Match(line);
            if (!key.Success) return;
            string rowKey = key.Groups["key"].Value;
            var occurrence = OccurrenceText.Match(line, key.Index);
            if (!occurrence.Success || !int.TryParse(occurrence.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                // Which copy of the row it was cannot be told: every copy is in doubt.
                _unreadableKeys.Add(rowKey);
                foreach (var job in _jobs)
                    if (job.RowKey == rowKey) MarkIfInDoubt(job);
                if (!_bySlot.ContainsKey(Slot(rowKey, 1))) AddInDoubt(rowKey, 1, line);
                return;
            }
            _unreadableSlots.Add(Slot(rowKey, n));
            var known = Known(rowKey, n);
            if (known != null) MarkIfInDoubt(known);
            else AddInDoubt(rowKey, n, line);
        }

        /// <summary>A row only a damaged line speaks of: listed, with an unknown outcome.</summary>
        private void AddInDoubt(string rowKey, int occurrence, string line)
        {
            var time = TimeText.Match(line);
            var job = Add(rowKey, occurrence, null,
                time.Success && DateTimeOffset.TryParse(time.Groups["t"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : Epoch);
            job.SubmitState = JournalEvents.Unknown;
            job.Message = UnreadableMessage;
        }

        /// <summary>A proven "not submitted" of a row in doubt is not proof any more; submitted (and the two unknowns) stand.</summary>
        private void MarkIfInDoubt(JournalJob job)
        {
            if (job.SubmitState != JournalEvents.NotSubmitted) return;
            if (!_unreadableKeys.Contains(job.RowKey) && !_unreadableSlots.Contains(Slot(job.RowKey, job.Occurrence))) return;
            job.SubmitState = JournalEvents.Unknown;
            job.Message = UnreadableMessage;
        }

        private JournalJob? Known(string rowKey, int occurrence) =>
            _bySlot.TryGetValue(Slot(rowKey, occurrence), out var job) ? job : null;

        private JournalJob Add(string rowKey, int occurrence, int? index, DateTimeOffset time)
        {
            var job = new JournalJob { RowKey = rowKey, Occurrence = occurrence, Index = index, UpdatedAt = time };
            _bySlot[Slot(rowKey, occurrence)] = job;
            _jobs.Add(job);
            return job;
        }

        private static bool IsSubmitOutcome(string evt) =>
            evt == JournalEvents.Submitted || evt == JournalEvents.NotSubmitted || evt == JournalEvents.Unknown;

        private static string Slot(string rowKey, int occurrence) => rowKey + "#" + occurrence;
    }
}
