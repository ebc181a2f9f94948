using System;
using System.Collections.Generic;
using HappyHorse.Api;

namespace HappyHorse.Waiting
{
    /// <summary>What is known of one unfinished job, for the forecast.</summary>
    internal readonly struct TicketView
    {
        public TicketView(string status, DateTimeOffset? runningSince, int? queuePosition, DateTimeOffset? polledAt, int videoSeconds)
        {
            Status = status;
            RunningSince = runningSince;
            QueuePosition = queuePosition;
            PolledAt = polledAt;
            VideoSeconds = videoSeconds;
        }

        public string Status { get; }
        public DateTimeOffset? RunningSince { get; }
        public int? QueuePosition { get; }
        public DateTimeOffset? PolledAt { get; }
        public int VideoSeconds { get; }
    }

    /// <summary>
    /// When the batch should be done: the latest expected finish over the unfinished jobs, each from
    /// its own state (running since when, or queued at which position when last asked) and the pace
    /// the batch has taught (queue starts per second, run seconds per second of video). Expected
    /// finishes are points in time, so the time left falls as the clock runs instead of climbing
    /// while the last job generates; a job past its expected finish makes it "finishing".
    /// </summary>
    internal readonly struct WaitForecast
    {
        /// <summary>A forecast counts as sure once this many run times were learned; before that it is "about".</summary>
        public const int SureAfterSamples = 3;

        private WaitForecast(TimeSpan? left, bool sure, bool overdue, int running, DateTimeOffset? latest = null)
        {
            Left = left;
            Sure = sure;
            Overdue = overdue;
            LikelyRunning = running;
            _latest = latest;
        }

        // When the last job should be done; kept so a forecast can be moved to a later now without its tickets.
        private readonly DateTimeOffset? _latest;

        /// <summary>The same forecast seen from a later moment: the time left falls with the clock.</summary>
        public WaitForecast At(DateTimeOffset now) => _latest is DateTimeOffset latest ? Seen(latest, Sure, LikelyRunning, now) : this;

        private static WaitForecast Seen(DateTimeOffset latest, bool sure, int running, DateTimeOffset now)
        {
            var left = latest - now;
            bool overdue = left <= TimeSpan.Zero;
            return new WaitForecast(overdue ? TimeSpan.Zero : left, sure, overdue, running, latest);
        }

        /// <summary>Time until the last job should be done; null when the pace is not known yet.</summary>
        public TimeSpan? Left { get; }

        /// <summary>Learned from enough finished jobs to drop the "about".</summary>
        public bool Sure { get; }

        /// <summary>The last job is past its expected finish: it should be done any moment.</summary>
        public bool Overdue { get; }

        /// <summary>Jobs generating now: seen in_progress, or queued jobs whose turn has come by the queue's pace.</summary>
        public int LikelyRunning { get; }

        public static WaitForecast Compute(IEnumerable<TicketView> unfinished, double queueStartsPerSecond, double runSecondsPerVideoSecond,
            int runSamples, DateTimeOffset now)
        {
            DateTimeOffset? latest = null;
            bool known = true;
            int running = 0, count = 0;
            foreach (var t in unfinished)
            {
                count++;
                DateTimeOffset? start = null;
                if (t.Status == JobStates.InProgress) start = t.RunningSince ?? t.PolledAt ?? now;
                else if (t.Status == JobStates.InQueue && t.QueuePosition is int p && t.PolledAt is DateTimeOffset asked && queueStartsPerSecond > 0)
                    start = asked + TimeSpan.FromSeconds(Math.Max(0, p) / queueStartsPerSecond);
                if (start.HasValue && (t.Status == JobStates.InProgress || start.Value <= now)) running++;

                if (!start.HasValue || runSecondsPerVideoSecond <= 0) { known = false; continue; }
                var done = start.Value + TimeSpan.FromSeconds(runSecondsPerVideoSecond * Math.Max(1, t.VideoSeconds));
                if (latest == null || done > latest) latest = done;
            }
            if (count == 0) return new WaitForecast(TimeSpan.Zero, true, false, 0);
            if (!known || latest == null) return new WaitForecast(null, false, false, running);
            return Seen(latest.Value, runSamples >= SureAfterSamples, running, now);
        }
    }
}
