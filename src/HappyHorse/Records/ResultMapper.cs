using System.Collections.Generic;
using HappyHorse.Api;
using HappyHorse.Session;

namespace HappyHorse.Records
{
    /// <summary>Turns the core's replies into the module's output objects.</summary>
    internal static class ResultMapper
    {
        public static HHJobResult ToResult(ResultReply reply, System.Uri api, HHVideoJob? job)
        {
            var urls = new List<string>();
            foreach (var pair in reply.Outputs) urls.Add(pair.Value);
            // A result read by id alone still names its row when this session submitted the job.
            var seen = job == null ? SeenRequestIds.Find(reply.RequestId) : null;
            return new HHJobResult
            {
                RequestId = reply.RequestId,
                Index = job?.Index ?? seen?.Index,
                Title = job != null ? job.Title : seen?.Title,
                Status = reply.Status,
                VideoUrl = reply.VideoUrl,
                VideoUrls = new List<string>(reply.VideoUrls).ToArray(),
                OutputUrls = urls.ToArray(),
                CreatedAt = reply.CreatedAt,
                FinishedAt = reply.FinishedAt,
                Error = reply.Error,
                Cost = reply.Cost,
                BaseUri = api.AbsoluteUri.TrimEnd('/'),
                Job = job,
                Origin = api,
            };
        }
    }
}
