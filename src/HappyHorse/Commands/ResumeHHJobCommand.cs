using System;
using System.IO;
using System.Management.Automation;
using HappyHorse.Cmdlets;
using HappyHorse.Journal;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Picks up a journal's jobs after a crash or reboot: writes a job object for every submitted job
    /// that has not finished, ready for Wait-HHJob and Save-HHVideo. Submits nothing.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "HHJob")]
    [OutputType(typeof(HHVideoJob))]
    public sealed class ResumeHHJobCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Path", "FullName")]
        public string? JournalPath { get; set; }

        /// <summary>Also write jobs that already finished (e.g. to download their videos again).</summary>
        [Parameter]
        public SwitchParameter IncludeFinished { get; set; }

        protected override void ProcessRecord()
        {
            string? path = JournalAccess.ResolvePath(this, JournalPath);
            if (path == null)
                ThrowTerminatingError(ErrorRecords.Create("NoJournal", ErrorCategory.InvalidArgument, null,
                    "No journal given.", "Pass -JournalPath, or set a session journal with Connect-HHService -JournalPath."));
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

            int resumed = 0;
            foreach (var job in state.Jobs)
            {
                if (job.OutcomeUnknown)
                {
                    WriteWarning($"Row {job.Index}: its submit has an unknown outcome ({job.Message ?? "the run ended mid-submit"}); it may exist and be charged. Check the RunComfy dashboard; New-HHVideoJob -ResubmitUnknown sends it again.");
                    continue;
                }
                if (job.RequestId == null || (job.IsFinished && !IncludeFinished)) continue;
                resumed++;
                SeenRequestIds.Remember(job.RequestId);
                WriteObject(JournalViews.ToJob(job, path!));
            }
            WriteVerbose($"Journal {path}: resumed {resumed} of {state.Jobs.Count} row(s).");
        }
    }
}
