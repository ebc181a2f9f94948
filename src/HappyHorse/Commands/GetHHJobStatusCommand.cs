using System;
using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Cmdlets;

namespace HappyHorse.Commands
{
    /// <summary>Asks where jobs are now: in_queue (with the queue position), in_progress, completed or cancelled.</summary>
    [Cmdlet(VerbsCommon.Get, "HHJobStatus")]
    [OutputType(typeof(HHJobStatus))]
    public sealed class GetHHJobStatusCommand : HHJobCmdlet
    {
        protected override void ProcessRecord()
        {
            var client = GetClientForRecord();
            if (client == null) return;
            foreach (string id in RequestId)
            {
                if (!IsUsableRequestId(id)) continue;
                try
                {
                    var reply = Await(ct => client.GetStatusAsync(id, ct));
                    SeenRequestIds.Remember(reply.RequestId);
                    WriteObject(new HHJobStatus
                    {
                        RequestId = reply.RequestId,
                        Status = reply.Status,
                        QueuePosition = reply.QueuePosition,
                        BaseUri = client.BaseUri.AbsoluteUri.TrimEnd('/'),
                        CheckedAt = DateTimeOffset.Now,
                        Origin = client.BaseUri,
                    });
                }
                catch (RunComfyApiException ex)
                {
                    WriteError(ErrorRecords.FromApi(ex, "GetStatus", id));
                }
            }
        }
    }
}
