using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;

using HappyHorse.Journal;
using HappyHorse.Binding;

namespace HappyHorse.Records
{
    /// <summary>Journal entries as the objects cmdlets write.</summary>
    internal static class JournalViews
    {
        public static HHJournalEntry ToEntry(JournalJob job, string path)
        {
            var row = ToRow(job.Row);
            return new HHJournalEntry
            {
                Index = job.Index,
                Title = RowTitle.Of(row, null),
                RequestId = job.RequestId,
                SubmitState = job.SubmitState,
                Status = job.Status,
                IsFinished = job.IsFinished,
                Model = job.Model,
                BaseUri = job.BaseUri,
                SubmittedAt = job.SubmittedAt?.ToLocalTime(),
                UpdatedAt = job.UpdatedAt.ToLocalTime(),
                VideoUrl = job.VideoUrl,
                Cost = job.Cost,
                Files = job.Files.ToArray(),
                Message = job.Message,
                Input = new HHInputFields(job.InputJson),
                Row = row,
                RowKey = job.RowKey,
                JournalPath = path,
                Attempts = job.Attempt,
                EarlierAttempts = job.EarlierAttempts.ConvertAll(a => ToEntry(a, path)).ToArray(),
            };
        }

        /// <summary>A journal line's CSV cells as the row object they came from.</summary>
        internal static PSObject? ToRow(IDictionary<string, string?>? cells)
        {
            if (cells == null) return null;
            var row = new PSObject();
            foreach (var cell in cells) row.Properties.Add(new PSNoteProperty(cell.Key, cell.Value));
            return row;
        }
    }
}
