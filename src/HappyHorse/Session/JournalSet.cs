using System;
using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Journal;
using HappyHorse.Records;

namespace HappyHorse.Session
{
    /// <summary>
    /// The journals a cmdlet records into while it follows jobs from several runs: one open handle
    /// per path (a job names its own journal, else the cmdlet's), all released together.
    /// </summary>
    internal sealed class JournalSet
    {
        private readonly Dictionary<string, JournalAccess> _open = new Dictionary<string, JournalAccess>(StringComparer.Ordinal);
        private readonly HashSet<string> _failed = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The journal at <paramref name="path"/>, opened on first use; null when there is no path.</summary>
        public JobJournal? For(PSCmdlet cmdlet, string? path)
        {
            if (path == null) return null;
            if (!_open.TryGetValue(path, out var access)) _open[path] = access = new JournalAccess();
            return access.Open(cmdlet, path);
        }

        /// <summary>
        /// On the pipeline thread: appends to the journal at <paramref name="path"/>, if any. A write that
        /// fails is reported once per journal and the work goes on, so results still come out.
        /// </summary>
        public void Record(PSCmdlet cmdlet, string? path, JournalRecord record)
        {
            var journal = For(cmdlet, path);
            if (journal == null || journal.TryAppend(record, out var failure) || !_failed.Add(journal.Path)) return;
            cmdlet.WriteError(ErrorRecords.Create("JournalWriteFailed", ErrorCategory.WriteError, record.RequestId,
                $"The journal {journal.Path} could not record the {record.Event} of {record.RequestId} ({failure!.Message}); later records may be missing from it too. Results still come out.",
                "Free disk space or fix the journal's folder; Get-HHJobResult reads a job's result again at any time."));
        }

        public void ReleaseAll()
        {
            foreach (var access in _open.Values) access.Release();
            _open.Clear();
        }
    }
}
