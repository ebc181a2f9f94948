using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Commands.Base;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands
{
    /// <summary>Cancels queued jobs. RunComfy cannot cancel a job that is already generating.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "HHJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Docs + "Stop-HHJob.md")]
    [OutputType(typeof(HHCancelResult))]
    public sealed class StopHHJobCommand : HHJobCmdlet
    {
        /// <summary>Write the cancel outcome of each job.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string id in RequestIds())
            {
                // Queued or running, the request is the same; RunComfy says which it was.
                if (!ShouldProcess(JobLabel.Subject(JobFor(id), id), "Cancel the job")) continue;
                var client = GetClientForRecord();
                if (client == null) return;
                try
                {
                    var reply = Await(ct => client.CancelAsync(id, ct));
                    SeenRequestIds.Remember(reply.RequestId);
                    WriteVerbose($"{id}: cancel answered outcome '{reply.Outcome}'{(reply.Status.Length > 0 ? $", status '{reply.Status}'" : ", no status")}.");
                    if (reply.Outcome == CancelReply.CancellationRequested)
                        WriteVerbose($"{id}: RunComfy accepted the cancel and will end the job shortly; Wait-HHJob reports it as cancelled once it has.");
                    if (reply.Accepted)
                    {
                        if (PassThru) WriteObject(new HHCancelResult { RequestId = reply.RequestId, Status = reply.Status, Outcome = reply.Outcome });
                        continue;
                    }
                    WriteError(ErrorRecords.Create("NotCancellable", ErrorCategory.InvalidOperation, id,
                        $"{JobLabel.Subject(JobFor(id), id)} could not be cancelled (outcome '{reply.Outcome}', status '{reply.Status}'): RunComfy can cancel only queued jobs. A job that is already running will finish and may still be charged.",
                        "Let the job finish; use Wait-HHJob or Get-HHJobResult to collect it."));
                }
                catch (RunComfyApiException ex)
                {
                    WriteError(ErrorRecords.FromApi(ex, "Cancel", id));
                }
            }
        }
    }
}
