using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Commands.Base;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands
{
    /// <summary>Reads a job's result now, whatever its stage: outputs on success, the error on failure.</summary>
    [Cmdlet(VerbsCommon.Get, "HHJobResult", HelpUri = HelpLinks.Docs + "Get-HHJobResult.md")]
    [OutputType(typeof(HHJobResult))]
    public sealed class GetHHJobResultCommand : HHJobCmdlet
    {
        /// <summary>Ask the API to add the job's cost in USD.</summary>
        [Parameter]
        public SwitchParameter IncludeCost { get; set; }

        protected override void ProcessRecord()
        {
            RunComfyClient? client = null;
            foreach (string id in RequestIds())
            {
                client ??= GetClientForRecord();
                if (client == null) return;
                try
                {
                    var reply = Await(ct => client.GetResultAsync(id, IncludeCost.IsPresent, ct));
                    SeenRequestIds.Remember(reply.RequestId, reply.Status);
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
