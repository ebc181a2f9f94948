using System;
using HappyHorse.Api;

namespace HappyHorse.Waiting
{
    /// <summary>One job being waited for, and what the engine last learned of it.</summary>
    internal sealed class WaitTicket
    {
        public WaitTicket(RunComfyClient client, string requestId, DateTimeOffset? submittedAt, object? tag)
        {
            Client = client;
            RequestId = requestId;
            _submittedAt = Ticks(submittedAt);
            Tag = tag;
        }

        public RunComfyClient Client { get; }
        public string RequestId { get; }
        public DateTimeOffset? SubmittedAt => Time(_submittedAt);

        /// <summary>Whatever the caller wants back with the result (the job object).</summary>
        public object? Tag { get; }

        /// <summary>What <see cref="Shown"/> holds before the server has said anything.</summary>
        public const string NotSeenYet = "pending";

        /// <summary>Last status seen (normalised), "pending" before the first answer.</summary>
        public string Status { get; internal set; } = NotSeenYet;

        /// <summary>The last word reported to the user (normalised, unknown words included): progress bars and the timeout error show it.</summary>
        public string Shown { get; internal set; } = NotSeenYet;

        public int? QueuePosition { get; internal set; }
        public bool Finished { get; internal set; }
        internal int TransientFailures { get; set; }

        /// <summary>Unreadable answers in a row (redirects, HTML, malformed or over-sized JSON).</summary>
        internal int InvalidAnswers { get; set; }

        /// <summary>Seconds of video asked for (the request's duration): run time scales with it.</summary>
        public int VideoSeconds { get; set; } = 5;

        internal int? LastQueuePosition { get; set; }
        internal DateTimeOffset? LastPolledAt { get => Time(_lastPolledAt); set => _lastPolledAt = Ticks(value); }
        internal DateTimeOffset? RunningSince { get => Time(_runningSince); set => _runningSince = Ticks(value); }
        internal bool StartKnownClosely { get; set; }

        /// <summary>The next poll asks for the result directly: the job should be done by then.</summary>
        internal bool ResultNext { get; set; }

        /// <summary>A <see cref="JobFollower"/> follows it, and has delivered its outcome; on the follower's consumer thread only.</summary>
        internal bool Followed { get; set; }
        internal bool Reported { get; set; }

        /// <summary>The dispatcher handed this poll back after a stall and has not sent it since (see <see cref="PollDispatcher"/>).</summary>
        internal bool HandedBack { get; set; }

        // Times as UTC ticks, 0 for none: a nullable DateTimeOffset takes 24 bytes, and there is a ticket per job.
        private readonly long _submittedAt;
        private long _lastPolledAt, _runningSince;

        private static long Ticks(DateTimeOffset? time) => time?.UtcTicks ?? 0;

        private static DateTimeOffset? Time(long ticks) => ticks == 0 ? (DateTimeOffset?)null : new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
