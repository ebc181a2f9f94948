using System;

namespace HappyHorse
{
    /// <summary>What Get-HHJobStatus writes: the state of a job now.</summary>
    public sealed class HHJobStatus
    {
        public string RequestId { get; internal set; } = "";

        /// <summary>The row the job was made from, counting from 1, when known (a job piped in, or submitted in this session).</summary>
        public int? Index { get; internal set; }

        /// <summary>The row's name (its -TitleColumn or `name` cell), when known.</summary>
        public string? Title { get; internal set; }

        /// <summary>in_queue, in_progress, completed or cancelled (unknown words from the server kept as sent, lower-cased).</summary>
        public string Status { get; internal set; } = "";

        /// <summary>Place in RunComfy's queue while in_queue; empty otherwise.</summary>
        public int? QueuePosition { get; internal set; }

        public string BaseUri { get; internal set; } = "";
        public DateTimeOffset CheckedAt { get; internal set; }

        /// <summary>The API this module asked in this session (see <see cref="HHVideoJob.Origin"/>).</summary>
        internal Uri? Origin;

        public override string ToString() => RequestId + " " + Status;
    }
}
