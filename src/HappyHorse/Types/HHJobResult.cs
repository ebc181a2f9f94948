using System;

namespace HappyHorse
{
    /// <summary>What Get-HHJobResult and Wait-HHJob write: the outcome of a job and its video.</summary>
    public sealed class HHJobResult
    {
        public string RequestId { get; internal set; } = "";

        /// <summary>The row the job was made from, counting from 1, when the job came through the pipeline or this session submitted it.</summary>
        public int? Index { get; internal set; }

        /// <summary>The row's name (its -TitleColumn or `name` cell), when known.</summary>
        public string? Title { get; internal set; }

        /// <summary>succeeded, failed, in_queue, in_progress or cancelled.</summary>
        public string Status { get; internal set; } = "";

        /// <summary>output.video, or the first of output.videos.</summary>
        public string? VideoUrl { get; internal set; }

        /// <summary>Every video URL (output.video and output.videos): what Save-HHVideo downloads. Shown (and exported) space-separated.</summary>
        public HHUrlList VideoUrls { get; internal set; } = Array.Empty<string>();

        /// <summary>Every output URL, videos and images alike, in the order the server gave them. Shown (and exported) space-separated.</summary>
        public HHUrlList OutputUrls { get; internal set; } = Array.Empty<string>();

        public DateTimeOffset? CreatedAt { get; internal set; }
        public DateTimeOffset? FinishedAt { get; internal set; }
        public string? Error { get; internal set; }

        /// <summary>USD, when the server reports it.</summary>
        public double? Cost { get; internal set; }

        public string BaseUri { get; internal set; } = "";

        /// <summary>The API this module read the result from in this session (see <see cref="HHVideoJob.Origin"/>).</summary>
        internal Uri? Origin;

        /// <summary>The job this result belongs to, when it came through the pipeline: carries the input row.</summary>
        public HHVideoJob? Job { get; internal set; }

        public override string ToString() => RequestId + " " + Status;
    }
}
