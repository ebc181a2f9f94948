using System;
using System.Collections.Generic;

namespace HappyHorse.Api
{
    /// <summary>A /result answer. Outputs keep their keys (video, videos, image, images) in order.</summary>
    internal sealed class ResultReply
    {
        public ResultReply(string requestId, string status, IReadOnlyList<KeyValuePair<string, string>> outputs,
            DateTimeOffset? createdAt, DateTimeOffset? finishedAt, string? error, double? cost)
        {
            RequestId = requestId;
            Status = status;
            Outputs = outputs;
            CreatedAt = createdAt;
            FinishedAt = finishedAt;
            Error = error;
            Cost = cost;
        }

        public string RequestId { get; }
        /// <summary>Normalised and interpreted: a <c>completed</c> with an output is succeeded, without one failed.</summary>
        public string Status { get; }

        /// <summary>The normalised word the server sent, before interpretation: what a progress bar shows.</summary>
        public string Word { get => _word ?? Status; set => _word = value; }

        private string? _word;
        public IReadOnlyList<KeyValuePair<string, string>> Outputs { get; }
        public DateTimeOffset? CreatedAt { get; }
        public DateTimeOffset? FinishedAt { get; }
        public string? Error { get; }
        public double? Cost { get; }

        /// <summary>Every video output (<c>output.video</c> and <c>output.videos</c>), in the server's order.</summary>
        public IReadOnlyList<string> VideoUrls
        {
            get
            {
                var urls = new List<string>();
                foreach (var pair in Outputs)
                    if ((pair.Key == "video" || pair.Key == "videos") && !urls.Contains(pair.Value)) urls.Add(pair.Value);
                return urls;
            }
        }

        /// <summary>The video: <c>output.video</c>, else the first of <c>output.videos</c>.</summary>
        public string? VideoUrl
        {
            get
            {
                foreach (var pair in Outputs) if (pair.Key == "video") return pair.Value;
                foreach (var pair in Outputs) if (pair.Key == "videos") return pair.Value;
                return null;
            }
        }
    }
}
