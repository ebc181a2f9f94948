using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace HappyHorse.Waiting
{
    /// <summary>
    /// Follows jobs to their end for whoever needs them finished (Wait-HHJob, Save-HHVideo): one
    /// <see cref="JobWaiter"/> polls, and its events reach the consumer through <c>post</c>, on the
    /// consumer's own thread. Each job's end arrives there once, as a <see cref="JobOutcome"/>.
    /// <para>
    /// Jobs count as pending until their outcome is delivered, not until the waiter learns it: the
    /// waiter marks a job finished a moment before its event is posted, and a consumer that stopped
    /// on the waiter's count could drop that last result.
    /// </para>
    /// </summary>
    internal sealed class JobFollower : IDisposable
    {
        private readonly JobWaiter _waiter;
        private readonly Action<JobOutcome> _finished;
        private readonly Action<WaitEvent>? _changed;
        private readonly List<WaitTicket> _followed = new List<WaitTicket>();
        /// <summary>Followed jobs whose outcome is not delivered yet: a flag on each ticket, not a set beside the list (28 B a job).</summary>
        private int _pending;
        private readonly ConcurrentQueue<WaitEvent> _inbox = new ConcurrentQueue<WaitEvent>();
        private readonly Action<Action> _post;
        private readonly Timer _changesDue;
        private int _drain; // Idle, Delayed (timer armed) or Posted
        private volatile bool _closed;
        private const int Idle = 0, Delayed = 1, Posted = 2;

        /// <summary>How long a status change may wait for others to share one wake of the consumer's thread.</summary>
        internal static readonly TimeSpan DefaultChangeDelay = TimeSpan.FromMilliseconds(100);
        private readonly TimeSpan _changeDelay;

        /// <param name="post">Runs an action on the consumer's thread (its dispatcher); every callback arrives through it.</param>
        /// <param name="finished">A job ended: once per job followed, unless the follower was closed first.</param>
        /// <param name="changed">A job's status changed or a passing problem was met (<see cref="WaitEvent.NewStatus"/>, <see cref="WaitEvent.Notice"/>).</param>
        /// <param name="changeDelay">Tests: how long status changes gather before one post (<see cref="DefaultChangeDelay"/>).</param>
        public JobFollower(WaitOptions options, Action<Action> post, Action<JobOutcome> finished, Action<WaitEvent>? changed, CancellationToken cancellationToken,
            TimeSpan? changeDelay = null)
        {
            _changeDelay = changeDelay ?? DefaultChangeDelay;
            _finished = finished;
            _changed = changed;
            _post = post;
            _changesDue = new Timer(_ => PostIf(Delayed), null, Timeout.Infinite, Timeout.Infinite);
            _waiter = new JobWaiter(options, Arrived, cancellationToken);
        }

        /// <summary>On the consumer's thread: starts following a job.</summary>
        public void Follow(WaitTicket ticket)
        {
            if (ticket.Followed) return;
            ticket.Followed = true;
            _followed.Add(ticket);
            _pending++;
            _waiter.Add(ticket);
        }

        /// <summary>On the consumer's thread: jobs whose outcome has not been delivered yet.</summary>
        public int Pending => _pending;

        /// <summary>On the consumer's thread: the jobs still pending, in the order they were followed.</summary>
        public IReadOnlyList<WaitTicket> Unreported => _followed.FindAll(t => !t.Reported);

        public WaitCounts Counts => _waiter.Counts;

        public WaitForecast Forecast(DateTimeOffset now) => _waiter.Forecast(now);

        /// <summary>Stops polling; what was already learned is still delivered.</summary>
        public void Stop() => _waiter.Dispose();

        /// <summary>Stops polling and delivering: nothing more reaches the consumer. Safe from any thread.</summary>
        public void Dispose()
        {
            _closed = true;
            _waiter.Dispose();
            _changesDue.Dispose();
        }

        /// <summary>
        /// Any thread: events wait in order in the inbox, and one post delivers all that arrived
        /// before it runs. A job's end is posted at once; a status change waits up to
        /// <see cref="DefaultChangeDelay"/> for company. Ten thousand jobs joining the queue were ten thousand
        /// wakes of the consumer's thread, then hundreds a second as their first polls came back.
        /// </summary>
        internal void Arrived(WaitEvent e)
        {
            _inbox.Enqueue(e);
            if (e.IsFinal)
            {
                PostIf(Idle);
                PostIf(Delayed);
            }
            else if (Interlocked.CompareExchange(ref _drain, Delayed, Idle) == Idle)
            {
                try { _changesDue.Change(_changeDelay, Timeout.InfiniteTimeSpan); }
                catch (ObjectDisposedException) { }
            }
        }

        private void PostIf(int state)
        {
            if (Interlocked.CompareExchange(ref _drain, Posted, state) == state) _post(DeliverArrived);
        }

        private void DeliverArrived()
        {
            Volatile.Write(ref _drain, Idle);
            while (_inbox.TryDequeue(out var e)) Deliver(e);
        }

        private void Deliver(WaitEvent e)
        {
            if (_closed) return;
            if (!e.IsFinal)
            {
                _changed?.Invoke(e);
                return;
            }
            if (!e.Ticket.Followed || e.Ticket.Reported) return;
            e.Ticket.Reported = true;
            _pending--;
            _finished(JobOutcome.Of(e));
        }
    }
}
