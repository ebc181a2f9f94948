using System;

namespace HappyHorse.Waiting
{
    /// <summary>
    /// Decides when each job is next asked about, from what the batch has taught so far: how fast
    /// the queue moves and how long a generation takes per second of video. A job is polled rarely
    /// while it cannot be near done and every interval once it may be, so requests per job stay
    /// close to the minimum without slowing anyone's result.
    /// </summary>
    internal sealed class PollPlanner
    {
        private const double Smoothing = 0.2;
        private readonly WaitOptions _options;
        private readonly object _gate = new object();
        private double _queueStartsPerSecond;
        private double _runSecondsPerVideoSecond;
        private int _runSamples;

        public PollPlanner(WaitOptions options) => _options = options;

        /// <summary>What the batch has taught so far: queue starts per second, run seconds per second of video, and from how many finished jobs.</summary>
        public (double QueueStartsPerSecond, double RunSecondsPerVideoSecond, int RunSamples) Pace
        {
            get { lock (_gate) return (_queueStartsPerSecond, _runSecondsPerVideoSecond, _runSamples); }
        }

        /// <summary>After a status poll that found the job queued at <paramref name="position"/> (1 = next to start).</summary>
        public TimeSpan AfterQueued(WaitTicket ticket, int? position, DateTimeOffset now)
        {
            double rate;
            lock (_gate)
            {
                if (position is int p && ticket.LastQueuePosition is int before && ticket.LastPolledAt is DateTimeOffset then && p < before)
                {
                    double seconds = (now - then).TotalSeconds;
                    if (seconds > 0) _queueStartsPerSecond = Blend(_queueStartsPerSecond, (before - p) / seconds);
                }
                rate = _queueStartsPerSecond;
            }
            ticket.LastQueuePosition = position;
            ticket.LastPolledAt = now;
            ticket.ResultNext = false;
            if (!(position is int ahead) || ahead <= 1) return _options.PollInterval;

            // Pace and run time both known: skip watching it start and ask for the result when it
            // should be done. If that was early, the answer says so and polling carries on.
            double perSecond;
            lock (_gate) perSecond = _runSecondsPerVideoSecond;
            if (rate > 0 && perSecond > 0)
            {
                var done = TimeSpan.FromSeconds(1.02 * (ahead / rate + perSecond * ticket.VideoSeconds));
                if (done <= _options.MaxQueuedPollInterval)
                {
                    ticket.ResultNext = true;
                    return done < _options.PollInterval ? _options.PollInterval : done;
                }
            }

            // Ask again a little before the queue should reach it; before the pace is known, back off by depth.
            var wait = rate > 0
                ? TimeSpan.FromSeconds(0.8 * (ahead - 1) / rate)
                : TimeSpan.FromTicks((long)(_options.PollInterval.Ticks * (1 + (ahead - 1) / 10.0)));
            // Unknown pace: back off only a little, since a queue that turns out fast would leave deep
            // jobs finished and unheard of; the pace is learned from the first jobs that move up.
            var blindCap = TimeSpan.FromTicks(Math.Min(_options.MaxPollInterval.Ticks, 4 * _options.PollInterval.Ticks));
            return Clamp(wait, rate > 0 ? _options.MaxQueuedPollInterval : blindCap);
        }

        /// <summary>After a poll that found the job generating: the next look is when it could plausibly be done.</summary>
        public TimeSpan AfterRunning(WaitTicket ticket, DateTimeOffset now)
        {
            if (ticket.RunningSince == null)
            {
                // It started somewhere between the last poll that saw it queued and now.
                var gap = ticket.LastPolledAt is DateTimeOffset last && last < now ? now - last : TimeSpan.Zero;
                ticket.RunningSince = now - TimeSpan.FromTicks(gap.Ticks / 2);
                ticket.StartKnownClosely = gap <= _options.PollInterval + _options.PollInterval;
                double perSecond;
                lock (_gate) perSecond = _runSecondsPerVideoSecond;
                if (perSecond > 0)
                {
                    var due = ticket.RunningSince.Value + TimeSpan.FromSeconds(0.9 * perSecond * ticket.VideoSeconds);
                    ticket.LastPolledAt = now;
                    return Clamp(due - now, _options.MaxQueuedPollInterval);
                }
            }
            ticket.LastPolledAt = now;
            return _options.PollInterval;
        }

        /// <summary>A job finished: learn how long it ran for its length of video.</summary>
        public void Finished(WaitTicket ticket, DateTimeOffset now)
        {
            // A start known only to within a long gap would teach a run time that includes queueing,
            // and later jobs would then be polled later and later.
            if (!(ticket.RunningSince is DateTimeOffset since) || !ticket.StartKnownClosely || ticket.VideoSeconds <= 0) return;
            double seconds = (now - since).TotalSeconds;
            if (seconds <= 0) return;
            lock (_gate)
            {
                _runSecondsPerVideoSecond = Blend(_runSecondsPerVideoSecond, seconds / ticket.VideoSeconds);
                _runSamples++;
            }
        }

        private TimeSpan Clamp(TimeSpan wait, TimeSpan max)
        {
            if (wait < _options.PollInterval) return _options.PollInterval;
            return wait > max ? max : wait;
        }

        private static double Blend(double average, double sample) => average <= 0 ? sample : average + Smoothing * (sample - average);
    }
}
