using System;
using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Commands.Base;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands
{
    /// <summary>Asks where jobs are now: in_queue (with the queue position), in_progress, completed or cancelled.</summary>
    [Cmdlet(VerbsCommon.Get, "HHJobStatus", HelpUri = HelpLinks.Docs + "Get-HHJobStatus.md")]
    [OutputType(typeof(HHJobStatus))]
    public sealed class GetHHJobStatusCommand : HHJobCmdlet
    {
        protected override void ProcessRecord()
        {
            RunComfyClient? client = null;
            foreach (string id in RequestIds())
            {
                client ??= GetClientForRecord();
                if (client == null) return;
                try
                {
                    var reply = Await(ct => client.GetStatusAsync(id, ct));
                    SeenRequestIds.Remember(reply.RequestId, reply.Status);
                    var job = JobFor(id);
                    var seen = job == null ? SeenRequestIds.Find(reply.RequestId) : null;
                    WriteObject(new HHJobStatus
                    {
                        RequestId = reply.RequestId,
                        Index = job?.Index ?? seen?.Index,
                        Title = job != null ? job.Title : seen?.Title,
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
