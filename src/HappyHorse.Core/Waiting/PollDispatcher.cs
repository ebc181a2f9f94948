using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Waiting
{
    /// <summary>
    /// Sends the polls <see cref="JobWaiter"/> plans: each leaves on the first 50 ms boundary at or
    /// after its due time, with every other poll due by then, and at most a fixed number are in
    /// flight. A poll answered quickly takes the next one due instead of handing its slot back; when
    /// every slot is busy, the batch that comes back whole sends the next one itself, as a tight loop
    /// would. The loop sleeps between boundaries: no thread or timer per job.
    /// A process that stood still (suspended, asleep, a debugger, a starved thread pool) wakes to every
    /// poll that came due meanwhile: sent at once, ten seconds of them made a storm run's busiest second
    /// 3,179 requests. When the dispatcher runs more than <see cref="Stall"/> after it planned to, those
    /// polls go back to the waiter to be placed again, at the pace the spreader keeps.
    /// </summary>
    internal sealed class PollDispatcher
    {
        /// <summary>How late a poll may go out so that polls due close together share one wake-up (50 ms).</summary>
        private static readonly long Batch = TimeSpan.TicksPerMillisecond * 50;
        /// <summary>How often a loop waiting for its slots looks for a request that never answers (1 s).</summary>
        private static readonly TimeSpan StragglerCheck = TimeSpan.FromSeconds(1);
        /// <summary>
        /// How far past its planned wake the dispatcher may run before it counts as a stall (half a
        /// second, one of the spreader's marks): a backlog that short holds at most two marks' polls.
        /// </summary>
        internal static readonly long Stall = TimeSpan.TicksPerMillisecond * 500;
        /// <summary>Set while this thread sends a batch from <see cref="FreeSlot"/>: polls that end at once must not nest another.</summary>
        [ThreadStatic] private static bool t_sendingInline;
        private readonly int _slots;
        private readonly Func<WaitTicket, CancellationToken, Task> _poll;
        private readonly Action<List<WaitTicket>> _late;
        private readonly Func<long> _clock;
        private readonly CancellationToken _token;
        private readonly object _gate = new object();
        private readonly PollSchedule _schedule = new PollSchedule(TimeSpan.FromTicks(Batch));
        private readonly SemaphoreSlim _wake = new SemaphoreSlim(0);
        private long _sleepingUntil = long.MinValue;
        /// <summary>Requests that may start now; under <see cref="_gate"/>.</summary>
        private int _freeSlots;
        /// <summary>Under <see cref="_gate"/>: polls are due and every slot is busy, so the loop sleeps until the batch in flight comes back.</summary>
        private bool _saturated;
        /// <summary>Under <see cref="_gate"/>: when the first slot of a saturated batch came back (UTC ticks); long.MaxValue while none has.</summary>
        private long _firstFreeAt = long.MaxValue;
        /// <summary>
        /// Under <see cref="_gate"/>: a request of the batch did not answer and its free slots were sent
        /// without it; until a batch comes back whole, the first slot freed wakes the loop, so a hung
        /// request costs the others a batch (50 ms) a round instead of the straggler check (1 s).
        /// </summary>
        private bool _straggling;
        /// <summary>Under <see cref="_gate"/>: the batch boundary the loop sleeps until; it sends nothing before it.</summary>
        private long _sendAt = long.MinValue;
        /// <summary>Under <see cref="_gate"/>: when the loop planned to run again (UTC ticks); running well past it is a stall.</summary>
        private long _expectedBy = long.MaxValue;
        private Task? _loop;

        /// <param name="slots">Requests in flight at most.</param>
        /// <param name="poll">Polls one job and plans its next poll; it reports its own failures.</param>
        /// <param name="late">Takes back the polls that came due during a stall, to plan them again (called off the lock).</param>
        /// <param name="clock">UTC ticks now; tests stand the clock still or move it on.</param>
        public PollDispatcher(int slots, Func<WaitTicket, CancellationToken, Task> poll, Action<List<WaitTicket>> late, CancellationToken token, Func<long>? clock = null)
        {
            _slots = _freeSlots = Math.Max(1, slots);
            _poll = poll;
            _late = late;
            _token = token;
            _clock = clock ?? (() => DateTimeOffset.UtcNow.UtcTicks);
        }

        /// <summary>Plans a poll; wakes the loop only if it sleeps past it (a wake per poll cost a thread and a timer each).</summary>
        public void Enqueue(long dueTicks, WaitTicket ticket)
        {
            lock (_gate)
            {
                _schedule.Add(dueTicks, ticket);
                _loop ??= Task.Run(LoopAsync);
                if (_schedule.BoundaryOf(dueTicks) >= _sleepingUntil) return;
                _sleepingUntil = long.MinValue;
            }
            _wake.Release();
        }

        private async Task LoopAsync()
        {
            try
            {
                while (!_token.IsCancellationRequested)
                {
                    List<WaitTicket>? start = null, late;
                    TimeSpan wait = TimeSpan.Zero;
                    lock (_gate)
                    {
                        long now = _clock();
                        late = Stalled(now) ? TakeLate(now) : null;
                        if (late == null) wait = PlanNext(now, out start);
                        else _expectedBy = long.MaxValue;
                    }
                    if (late != null)
                    {
                        _late(late);
                        continue;
                    }
                    if (start != null)
                        foreach (var ticket in start) _ = PollInTurnAsync(ticket);
                    await _wake.WaitAsync(wait, _token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        /// <summary>Under <see cref="_gate"/>: takes the polls that leave now into <paramref name="start"/> and says how long the loop sleeps.</summary>
        private TimeSpan PlanNext(long now, out List<WaitTicket>? start)
        {
            start = null;
            TimeSpan wait;
            // A request that does not answer must not hold the slots its batch gave back.
            if (_saturated && _freeSlots > 0 && now - _firstFreeAt >= Batch)
            {
                _straggling = true;
                _saturated = false;
                _sendAt = now;
            }
            // Polls leave only on a batch boundary, all that are due together: their answers then
            // come back together too, and the runtime wakes once for them instead of once each.
            if (now >= _sendAt) start = TakeDueIntoFreeSlots(now);
            if (_schedule.AnyDue(now))
            {
                if (_freeSlots == 0 || _saturated)
                {
                    // Every slot is busy: the batch that comes back whole sends the next one
                    // (FreeSlot), so the loop only looks for a straggler now and then.
                    if (!_saturated) _firstFreeAt = long.MaxValue;
                    _saturated = true;
                    _sleepingUntil = long.MinValue;
                    _sendAt = long.MaxValue;
                    wait = _firstFreeAt == long.MaxValue ? StragglerCheck : TimeSpan.FromTicks(Math.Max(1, _firstFreeAt + Batch - now));
                }
                else
                {
                    _sendAt = _sleepingUntil = _schedule.BoundaryOf(now + 1);
                    wait = TimeSpan.FromTicks(_sendAt - now);
                }
            }
            else
            {
                // Polls due close together go out together, up to a batch late: one wake per batch, not per poll.
                _saturated = false;
                _sendAt = _sleepingUntil = _schedule.Next ?? _schedule.BoundaryOf(now + TimeSpan.TicksPerSecond * 5);
                wait = TimeSpan.FromTicks(Math.Max(0, _sleepingUntil - now));
            }
            _expectedBy = now + wait.Ticks;
            return wait;
        }

        /// <summary>
        /// Holds one request slot: polls the ticket, then, while each answer comes back within a batch
        /// (50 ms), whichever poll has come due meanwhile, and frees the slot after. Quick answers drain
        /// a batch without a hand-off per request; slow ones (a loaded server) give the slot back, so
        /// the batch returns together and leaves together instead of each answer sending one request
        /// on its own, which wakes the runtime once per answer.
        /// </summary>
        private async Task PollInTurnAsync(WaitTicket ticket)
        {
            WaitTicket? next = ticket;
            while (next != null)
            {
                long sent = _clock();
                next.HandedBack = false;
                try
                {
                    await _poll(next, _token).ConfigureAwait(false);
                }
                catch
                {
                    FreeSlot(); // the poll reports its own failures; whatever escapes must not keep the slot
                    throw;
                }
                lock (_gate)
                {
                    long now = _clock();
                    // After a stall the loop first hands the backlog back, so a quick answer must not drain it.
                    next = _token.IsCancellationRequested || now - sent >= Batch || Stalled(now) ? null : _schedule.TakeDue(now);
                }
                if (next == null) FreeSlot();
            }
        }

        /// <summary>Under <see cref="_gate"/>: whether the loop runs (or should have run) more than <see cref="Stall"/> past its plan.</summary>
        private bool Stalled(long now) => _expectedBy != long.MaxValue && now - _expectedBy > Stall;

        /// <summary>
        /// Under <see cref="_gate"/>: the due polls to hand back; null when none. A poll handed back once
        /// and due again before it was sent stays to be sent now: on a thread pool that stays starved
        /// every wake is late, and the same polls would otherwise go back and forth for ever.
        /// </summary>
        private List<WaitTicket>? TakeLate(long now)
        {
            if (_schedule.TakeAllDue(now) is not List<WaitTicket> due) return null;
            List<WaitTicket>? late = null;
            foreach (var ticket in due)
            {
                if (ticket.HandedBack)
                {
                    _schedule.Add(now, ticket);
                    continue;
                }
                ticket.HandedBack = true;
                (late ??= new List<WaitTicket>()).Add(ticket);
            }
            return late;
        }

        /// <summary>Under <see cref="_gate"/>: the polls due by <paramref name="now"/>, as many as there are free slots, each taking one; null when none.</summary>
        private List<WaitTicket>? TakeDueIntoFreeSlots(long now)
        {
            List<WaitTicket>? start = null;
            while (_freeSlots > 0 && _schedule.TakeDue(now) is WaitTicket ticket)
            {
                _freeSlots--;
                (start ??= new List<WaitTicket>()).Add(ticket);
            }
            return start;
        }

        /// <summary>
        /// Gives a slot back. The last slot of a saturated batch sends the next batch from this thread:
        /// waking the loop for it, and its timer to the next boundary, cost two more wake-ups of the
        /// runtime's thread pool per batch than a tight loop pays (measured at 200 ms latency).
        /// </summary>
        private void FreeSlot()
        {
            List<WaitTicket>? start = null;
            bool wakeLoop = false;
            lock (_gate)
            {
                _freeSlots++;
                if (_saturated)
                {
                    long now = _clock();
                    if (_firstFreeAt == long.MaxValue)
                    {
                        _firstFreeAt = now;
                        wakeLoop = _straggling;
                    }
                    if (_freeSlots == _slots && !_token.IsCancellationRequested)
                    {
                        _straggling = false;
                        wakeLoop = false;
                        // After a stall the loop first hands the backlog back to be planned again.
                        if (!t_sendingInline && !Stalled(now)) start = TakeDueIntoFreeSlots(now);
                        _firstFreeAt = long.MaxValue;
                        if (start == null || !_schedule.AnyDue(now))
                        {
                            // Nothing more is due, or this thread is already sending: the loop plans what comes next.
                            _saturated = false;
                            _sendAt = now;
                            wakeLoop = true;
                        }
                    }
                }
            }
            if (start != null)
            {
                t_sendingInline = true;
                try
                {
                    foreach (var ticket in start) _ = PollInTurnAsync(ticket);
                }
                finally
                {
                    t_sendingInline = false;
                }
            }
            if (wakeLoop) _wake.Release();
        }
    }
}
