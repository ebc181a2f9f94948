using System;
using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Download;
using HappyHorse.Journal;
using HappyHorse.Waiting;
using HappyHorse.Commands.Base;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Waits for every job piped in at once, starting the moment each arrives, and writes each result
    /// as soon as its job finishes. Failed, cancelled and timed-out jobs are errors; the rest go on.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "HHJob", HelpUri = HelpLinks.Docs + "Wait-HHJob.md")]
    [OutputType(typeof(HHJobResult))]
    public sealed class WaitHHJobCommand : HHJobCmdlet
    {
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly JournalSet _journals = new JournalSet();
        private readonly ProgressThrottle _progress = new ProgressThrottle();
        private string? _defaultJournal;
        private JobFollower? _follower;
        private DateTimeOffset? _deadline;
        private bool _anyDone;

        /// <summary>Seconds between polls of a running job (jobs deep in the queue are polled less often).</summary>
        [Parameter]
        [ValidateRange(1.0, 3600.0)]
        public double PollInterval { get; set; } = 2;

        /// <summary>Seconds to wait in all; jobs not finished by then are reported as timed out.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>Return as soon as any one job finishes.</summary>
        [Parameter]
        public SwitchParameter Any { get; set; }

        /// <summary>Ask the API to add each job's cost in USD.</summary>
        [Parameter]
        public SwitchParameter IncludeCost { get; set; }

        /// <summary>Record every status change and result in this journal (jobs from a journaled New-HHVideoJob record into theirs anyway).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected override void Begin()
        {
            _defaultJournal = JournalAccess.ResolvePath(this, JournalPath);
            if (Timeout.HasValue) _deadline = DateTimeOffset.UtcNow.AddSeconds(Timeout.Value);
        }

        protected override void ProcessRecord()
        {
            if (Any && _anyDone) return; // the answer is in: jobs piped in later are not waited for
            _follower ??= new JobFollower(
                new WaitOptions { PollInterval = TimeSpan.FromSeconds(PollInterval), IncludeCost = IncludeCost.IsPresent },
                Post, Finished, Changed, CancelToken);
            RunComfyClient? client = null;
            foreach (string id in RequestIds())
            {
                if (!_seen.Add(id)) continue;
                client ??= GetClientForRecord();
                if (client == null) return;
                var job = JobFor(id);
                WriteVerbose($"Waiting for {id} on {client.BaseUri}.");
                JournalFor(job); // opened now, so a journal in use elsewhere stops us before any waiting
                _follower.Follow(new WaitTicket(client, id, job?.SubmittedAt, job) { VideoSeconds = VideoSecondsOf(job) });
            }
            Flush();
        }

        /// <summary>Jobs not reported yet; with -Any, none once one has finished.</summary>
        protected override bool HasPendingWork => !(Any && _anyDone) && _follower?.Pending > 0;

        protected override DateTimeOffset? DrainDeadline => _deadline;

        protected override void DrainTick() => UpdateProgress();

        protected override void Complete(bool timedOut)
        {
            if (_follower == null) return;
            if (timedOut)
            {
                _follower.Stop();
                Flush(); // results that landed as time ran out still count
                foreach (var ticket in _follower.Unreported)
                    WriteError(ErrorRecords.Create("WaitTimeout", ErrorCategory.OperationTimeout, ticket.RequestId,
                        $"{JobLabel.Subject(ticket.Tag as HHVideoJob, ticket.RequestId)} did not finish within {Timeout} s ({LastSeen(ticket)}). It goes on running on RunComfy.",
                        "Wait again later with Wait-HHJob -RequestId " + ticket.RequestId + ", or cancel it with Stop-HHJob if it is still queued."));
            }
            _follower.Dispose();
            WriteProgress(new ProgressRecord(1, "Waiting for HappyHorse jobs", "Done") { RecordType = ProgressRecordType.Completed });
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _follower?.Dispose();
        }

        protected override void ReleaseResources()
        {
            _follower?.Dispose();
            _journals.ReleaseAll();
        }

        /// <summary>What was last heard of a job, in the documented words.</summary>
        private static string LastSeen(WaitTicket ticket) => ticket.Shown switch
        {
            WaitTicket.NotSeenYet => "no status was received yet",
            JobStates.InQueue when ticket.QueuePosition is int p => $"last status: in_queue, position {p}",
            var word when !JobStates.IsKnown(word) => $"last status: {word}, a word HappyHorse does not know",
            var word => "last status: " + word,
        };

        /// <summary>The job's requested duration, which its generation time scales with; the schema default otherwise.</summary>
        private static int VideoSecondsOf(HHVideoJob? job)
        {
            long? seconds = job?.RequestedSeconds;
            return seconds is long s && s > 0 && s <= 3600 ? (int)s : Input.InputSchema.DefaultDuration;
        }

        private JobJournal? JournalFor(HHVideoJob? job) => _journals.For(this, job?.JournalPath ?? _defaultJournal);

        private void Record(WaitTicket ticket, string evt, string? status, HHJobResult? result, string? message)
        {
            string? path = (ticket.Tag as HHVideoJob)?.JournalPath ?? _defaultJournal;
            if (path == null) return; // no journal: nothing to build per status change
            _journals.Record(this, path, new JournalRecord
            {
                Event = evt, RequestId = ticket.RequestId, Status = status, Message = message,
                VideoUrl = result?.VideoUrl, Cost = result?.Cost,
            });
        }

        /// <summary>A status changed or a passing problem: verbose lines, and the journal keeps each status.</summary>
        private void Changed(WaitEvent e)
        {
            if (Any && _anyDone) return;
            if (e.Notice != null) WriteVerbose(e.Notice);
            if (e.NewStatus != null)
            {
                SeenRequestIds.SetStatus(e.Ticket.RequestId, e.NewStatus);
                // Ten thousand jobs joining the queue are ten thousand lines nobody reads unless -Verbose is on.
                if (VerboseOn)
                    WriteVerbose(JobStates.IsKnown(e.NewStatus)
                        ? $"{e.Ticket.RequestId}: {e.NewStatus}{(e.NewStatus == JobStates.InQueue && e.Ticket.QueuePosition is int p ? " (queue position " + p + ")" : "")}."
                        : $"{e.Ticket.RequestId}: status '{e.NewStatus}', a word HappyHorse does not know; still waiting for a finished state{(Timeout.HasValue ? " or the end of -Timeout" : "")}.");
                Record(e.Ticket, JournalEvents.Status, e.NewStatus, null, null);
            }
            UpdateProgress();
        }

        private void Finished(JobOutcome outcome)
        {
            // -Any: the first job to finish is the one answer; whatever the polls still in flight bring is not.
            if (Any && _anyDone) return;
            SeenRequestIds.SetStatus(outcome.Ticket.RequestId, outcome.Result?.Status);
            var finished = FinishedJobs.Of(outcome);
            if (finished.Result is HHJobResult result)
            {
                _anyDone = true;
                // On disk before the result goes downstream.
                Record(outcome.Ticket, JournalEvents.Finished, result.Status, result, result.Error);
            }
            if (finished.Error != null) WriteError(finished.Error);
            else WriteObject(finished.Result);
            if (Any && _anyDone) _follower?.Dispose();
            UpdateProgress();
        }

        /// <summary>At most four times a second: counting walks every ticket, so it must not run per result of a big batch.</summary>
        private void UpdateProgress()
        {
            if (_follower == null || !_progress.Due()) return;
            var c = _follower.Counts;
            var forecast = _follower.Forecast(DateTimeOffset.UtcNow);
            WriteProgress(new ProgressRecord(1, WaitProgress.Activity(c), WaitProgress.Status(c, forecast))
            {
                PercentComplete = WaitProgress.Percent(c),
                SecondsRemaining = WaitProgress.SecondsRemaining(c, forecast),
            });
        }
    }
}
