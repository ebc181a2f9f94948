using System;
using System.Management.Automation;
using HappyHorse.Records;
using HappyHorse.Session;
using HappyHorse.Commands.Base;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Picks up a journal's jobs after a crash or reboot: writes a job object for every submitted job
    /// that has not finished, ready for Wait-HHJob and Save-HHVideo. Submits nothing.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "HHJob", HelpUri = HelpLinks.Docs + "Resume-HHJob.md")]
    [OutputType(typeof(HHVideoJob))]
    public sealed class ResumeHHJobCommand : AsyncCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Path", "FullName")]
        public string? JournalPath { get; set; }

        /// <summary>Also write jobs that already finished (e.g. to download their videos again).</summary>
        [Parameter]
        public SwitchParameter IncludeFinished { get; set; }

        protected override void ProcessRecord()
        {
            var state = JournalAccess.ReadForListing(this, JournalPath, nameof(JournalPath), out string path);
            if (state == null) return;

            int resumed = 0;
            foreach (var job in state.Jobs)
            {
                if (job.OutcomeUnknown)
                {
                    // A row only a damaged line speaks of has no index: name it by what is known.
                    WriteWarning($"{(job.Index.HasValue ? "Row " + job.Index : "A row (key " + job.RowKey.Substring(0, Math.Min(12, job.RowKey.Length)) + ")")}: its submit has an unknown outcome ({job.Message ?? "the run ended mid-submit"}); it may exist and be charged. Check the RunComfy dashboard; New-HHVideoJob -ResubmitUnknown sends it again.");
                    continue;
                }
                if (job.RequestId == null || (job.IsFinished && !IncludeFinished)) continue;
                resumed++;
                SeenRequestIds.Remember(job.RequestId);
                WriteObject(VideoJobs.Resumed(job, path));
            }
            WriteVerbose($"Journal {path}: resumed {resumed} of {state.Jobs.Count} row(s).");
        }
    }
}
