using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Cmdlets;

namespace HappyHorse.Commands
{
    /// <summary>Cancels queued jobs. RunComfy cannot cancel a job that is already generating.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "HHJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HHCancelResult))]
    public sealed class StopHHJobCommand : HHJobCmdlet
    {
        /// <summary>Write the cancel outcome of each job.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string id in RequestId)
            {
                if (!IsUsableRequestId(id) || !ShouldProcess(id, "Cancel the queued job")) continue;
                var client = GetClientForRecord();
                if (client == null) return;
                try
                {
                    var reply = Await(ct => client.CancelAsync(id, ct));
                    SeenRequestIds.Remember(reply.RequestId);
                    WriteVerbose($"{id}: cancel answered outcome '{reply.Outcome}', status '{reply.Status}'.");
                    if (reply.Outcome == CancelReply.Cancelled)
                    {
                        if (PassThru) WriteObject(new HHCancelResult { RequestId = reply.RequestId, Status = reply.Status, Outcome = reply.Outcome });
                        continue;
                    }
                    WriteError(ErrorRecords.Create("NotCancellable", ErrorCategory.InvalidOperation, id,
                        $"Job {id} could not be cancelled (outcome '{reply.Outcome}', status '{reply.Status}'): RunComfy can cancel only queued jobs. A job that is already running will finish and may still be charged.",
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
