using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Cmdlets;

namespace HappyHorse.Commands
{
    /// <summary>Reads a job's result now, whatever its stage: outputs on success, the error on failure.</summary>
    [Cmdlet(VerbsCommon.Get, "HHJobResult")]
    [OutputType(typeof(HHJobResult))]
    public sealed class GetHHJobResultCommand : HHJobCmdlet
    {
        /// <summary>Ask the API to add the job's cost in USD.</summary>
        [Parameter]
        public SwitchParameter IncludeCost { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClientForRecord();
            if (client == null) return;
            foreach (string id in RequestId)
            {
                if (!IsUsableRequestId(id)) continue;
                try
                {
                    var reply = Await(ct => client.GetResultAsync(id, IncludeCost.IsPresent, ct));
                    SeenRequestIds.Remember(reply.RequestId);
                    WriteObject(ResultMapper.ToResult(reply, client.BaseUri, JobFor(id)));
                }
                catch (RunComfyApiException ex)
                {
                    WriteError(ErrorRecords.FromApi(ex, "GetResult", id));
                }
            }
        }
    }
}
