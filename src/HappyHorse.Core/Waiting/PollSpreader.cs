using System;
using System.Collections.Generic;
using HappyHorse.Api;

namespace HappyHorse.Waiting
{
    /// <summary>
    /// Keeps the queued jobs' polls from lining up. Jobs submitted together and told to wait the same
    /// time (up to MaxQueuedPollInterval) would otherwise stay together forever: one run saw 3,081
    /// status requests in one second, another none in a whole window, depending on where it fell in
    /// the cycle. Each such poll goes out on the first half-second mark, at or after the time the
    /// planner wants, that still has room; the polls on one mark share one wake-up and come back
    /// together. A bare HttpClient sending 314 GETs a second costs 0.34 ms a request in 50 ms steps,
    /// 0.064 in 250 ms steps and 0.054 in 500 ms steps (bench `pacing`), and the waiter alone costs
    /// about a tenth less per request on half-second marks than on quarter-second ones. A mark holds
    /// half of <c>max(MinPerSecond, active jobs / (16 × PollInterval))</c>, so any second, even one
    /// that spans three marks, holds under a tenth of polling every job every interval.
    /// A wait of four intervals or more is also taken anywhere in its second half, so that the queue
    /// is polled at an even rate rather than in waves. The next job to start, and a job the planner
    /// expects to be finished, are not held back.
    /// </summary>
    internal sealed class PollSpreader
    {
        public const int MinPerSecond = 16;
        private const double ShareOfNaive = 1.0 / 16;
        private const int MarksPerSecond = 2;
        private const int LongWaits = 4;
        private const double GoldenRatio = 0.6180339887498949;
        private static readonly long Mark = TimeSpan.TicksPerSecond / MarksPerSecond;
        private readonly TimeSpan _interval;
        private readonly Dictionary<long, int> _taken = new Dictionary<long, int>();
        private long _oldestKept = long.MinValue;
        private long _placed;

        public PollSpreader(TimeSpan interval) => _interval = interval;

        /// <summary>How many polls one second may hold while <paramref name="active"/> jobs are awaited.</summary>
        public int PerSecond(int active) =>
            Math.Max(MinPerSecond, (int)Math.Ceiling(active * ShareOfNaive / Math.Max(0.001, _interval.TotalSeconds)));

        /// <summary>Whether this queued job's next poll may be moved later to keep the rate even.</summary>
        public static bool MayDefer(WaitTicket ticket) => !ticket.ResultNext && !(ticket.LastQueuePosition is int p && p <= 1);

        /// <summary>
        /// When a poll that came due while the process stood still (see <see cref="PollDispatcher"/>)
        /// is sent: a queued job's (or one not seen yet) on the first mark with room, as a new poll
        /// would be, so the backlog leaves at this pace instead of all at once; any other now.
        /// </summary>
        public long PlaceLate(WaitTicket ticket, long nowTicks, int active) =>
            (ticket.Status == JobStates.InQueue || ticket.Status == WaitTicket.NotSeenYet) && MayDefer(ticket)
                ? Place(nowTicks, nowTicks, active)
                : nowTicks;

        /// <summary>When a queued job the planner wants asked about at <paramref name="wantedTicks"/> (UTC ticks) is asked. Not thread-safe: the caller holds its lock.</summary>
        public long Place(long wantedTicks, long nowTicks, int active)
        {
            // A long wait is a guess anyway: taken anywhere in its second half, jobs told the same
            // wait at the same time drift apart instead of coming back together. The golden-ratio
            // sequence spreads them evenly, and the same inputs always give the same schedule.
            long wait = wantedTicks - nowTicks;
            if (wait >= LongWaits * _interval.Ticks)
                wantedTicks = nowTicks + wait / 2 + (long)(wait / 2 * Fraction(++_placed * GoldenRatio));
            int capacity = (PerSecond(active) + MarksPerSecond - 1) / MarksPerSecond;
            long mark = (wantedTicks + Mark - 1) / Mark;
            int taken;
            while (_taken.TryGetValue(mark, out taken) && taken >= capacity) mark++;
            _taken[mark] = taken + 1;
            Prune(nowTicks / Mark);
            return mark * Mark;
        }

        private static double Fraction(double x) => x - Math.Floor(x);

        /// <summary>Marks in the past are never wanted again: forget them now and then.</summary>
        private void Prune(long current)
        {
            if (_taken.Count < 4096 || current - MarksPerSecond <= _oldestKept) return;
            var old = new List<long>();
            foreach (var mark in _taken.Keys) if (mark < current - MarksPerSecond) old.Add(mark);
            foreach (var mark in old) _taken.Remove(mark);
            _oldestKept = current - MarksPerSecond;
        }
    }
}
