using System;
using System.IO;
using System.Management.Automation;
using HappyHorse.Cmdlets;
using HappyHorse.Journal;

namespace HappyHorse.Commands
{
    /// <summary>Lists what a journal holds, one entry per row, without taking it from a run that is writing it.</summary>
    [Cmdlet(VerbsCommon.Get, "HHJournal")]
    [OutputType(typeof(HHJournalEntry))]
    public sealed class GetHHJournalCommand : PSCmdlet
    {
        /// <summary>The journal file; defaults to the session's (Connect-HHService -JournalPath).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("JournalPath", "FullName")]
        public string? Path { get; set; }

        /// <summary>Only entries in these states (submit states or job statuses), e.g. unknown, failed, in_queue.</summary>
        [Parameter]
        [ValidateSet("submitting", "submitted", "unknown", "not_submitted", "in_queue", "in_progress", "succeeded", "failed", "cancelled", IgnoreCase = true)]
        public string[]? State { get; set; }

        protected override void ProcessRecord()
        {
            string? path = JournalAccess.ResolvePath(this, Path);
            if (path == null)
                ThrowTerminatingError(ErrorRecords.Create("NoJournal", ErrorCategory.InvalidArgument, null,
                    "No journal given.", "Pass -Path, or set a session journal with Connect-HHService -JournalPath."));
            JournalState state;
            try
            {
                state = JobJournal.Read(path!);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.Create("JournalUnreadable", ErrorCategory.ReadError, path, $"Cannot read the journal {path}: {ex.Message}", "Check the path and its permissions."));
                return;
            }
            if (state.SkippedLines > 0) WriteWarning($"The journal {path} has {state.SkippedLines} unreadable line(s) (e.g. torn by a crash); they were skipped.");
            WriteVerbose($"Journal {path}: {state.Jobs.Count} row(s).");
            foreach (var job in state.Jobs)
            {
                if (State != null && Array.FindIndex(State, s => string.Equals(s, job.SubmitState, StringComparison.OrdinalIgnoreCase) || string.Equals(s, job.Status, StringComparison.OrdinalIgnoreCase)) < 0)
                    continue;
                if (job.RequestId != null) SeenRequestIds.Remember(job.RequestId);
                WriteObject(JournalViews.ToEntry(job, path!));
            }
        }
    }
}
