using System;
using System.Management.Automation;
using HappyHorse.Records;
using HappyHorse.Session;
using HappyHorse.Commands.Base;

namespace HappyHorse.Commands
{
    /// <summary>Lists what a journal holds, one entry per row, without taking it from a run that is writing it.</summary>
    [Cmdlet(VerbsCommon.Get, "HHJournal", HelpUri = HelpLinks.Docs + "Get-HHJournal.md")]
    [OutputType(typeof(HHJournalEntry))]
    public sealed class GetHHJournalCommand : AsyncCmdlet
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
            var state = JournalAccess.ReadForListing(this, Path, nameof(Path), out string path);
            if (state == null) return;
            WriteVerbose($"Journal {path}: {state.Jobs.Count} row(s).");
            foreach (var job in state.Jobs)
            {
                if (State != null && Array.FindIndex(State, s => string.Equals(s, job.SubmitState, StringComparison.OrdinalIgnoreCase) || string.Equals(s, job.Status, StringComparison.OrdinalIgnoreCase)) < 0)
                    continue;
                if (job.RequestId != null) SeenRequestIds.Remember(job.RequestId);
                WriteObject(JournalViews.ToEntry(job, path));
            }
        }
    }
}
