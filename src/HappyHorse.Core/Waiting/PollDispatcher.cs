using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Waiting
{
    /// <summary>
    /// Sends the polls <see cref="JobWaiter"/> plans: each leaves on the first 50 ms boundary at or
    /// after its due time, with every other poll due by then, and at most a fixed number are in
    /// flight. A poll that ends takes the next one due while its batch is young instead of handing
    /// its slot back, and the loop sleeps between boundaries: no thread or timer per job.
    /// </summary>
    internal sealed class PollDispatcher
    {
        /// <summary>How late a poll may go out so that polls due close together share one wake-up (50 ms).</summary>
        private static readonly long Batch = TimeSpan.TicksPerMillisecond * 50;
        private readonly Func<WaitTicket, CancellationToken, Task> _poll;
        private readonly CancellationToken _token;
        private readonly object _gate = new object();
        private readonly PollSchedule _schedule = new PollSchedule(TimeSpan.FromTicks(Batch));
        private readonly SemaphoreSlim _wake = new SemaphoreSlim(0);
        private long _sleepingUntil = long.MinValue;
        /// <summary>Requests that may start now; under <see cref="_gate"/>.</summary>
        private int _freeSlots;
        /// <summary>Under <see cref="_gate"/>: polls are due and every slot is busy, so the loop sleeps until a poll frees one.</summary>
        private bool _saturated;
        /// <summary>Under <see cref="_gate"/>: the batch boundary the loop sleeps until; it sends nothing before it.</summary>
        private long _sendAt = long.MinValue;
        private Task? _loop;

        /// <param name="slots">Requests in flight at most.</param>
        /// <param name="poll">Polls one job and plans its next poll; it reports its own failures.</param>
        public PollDispatcher(int slots, Func<WaitTicket, CancellationToken, Task> poll, CancellationToken token)
        {
            _freeSlots = Math.Max(1, slots);
            _poll = poll;
            _token = token;
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
                    List<WaitTicket>? start = null;
                    TimeSpan wait;
                    long now;
                    lock (_gate)
                    {
                        now = DateTimeOffset.UtcNow.UtcTicks;
                        // Polls leave only on a batch boundary, all that are due together: their answers then
                        // come back together too, and the runtime wakes once for them instead of once each.
                        if (now >= _sendAt)
                        {
                            while (_freeSlots > 0 && _schedule.TakeDue(now) is WaitTicket ticket)
                            {
                                _freeSlots--;
                                (start ??= new List<WaitTicket>()).Add(ticket);
                            }
                        }
                        if (_schedule.AnyDue(now))
                        {
                            if (_freeSlots == 0)
                            {
                                // Every slot is busy: the first one freed wakes us, and we send on the boundary after.
                                _saturated = true;
                                _sleepingUntil = long.MinValue;
                                _sendAt = long.MaxValue;
                                wait = Timeout.InfiniteTimeSpan;
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
                            _sendAt = _sleepingUntil = _schedule.Next ?? _schedule.BoundaryOf(now + TimeSpan.TicksPerSecond * 5);
                            wait = TimeSpan.FromTicks(Math.Max(0, _sleepingUntil - now));
                        }
                    }
                    if (start != null)
                        foreach (var ticket in start) _ = PollInTurnAsync(ticket, now);
                    await _wake.WaitAsync(wait, _token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        /// <summary>
        /// Holds one request slot: polls the ticket, then whichever poll has come due meanwhile while
        /// the batch sent at <paramref name="batchStart"/> is still young, and frees the slot after.
        /// Quick answers drain a batch without a hand-off to the loop per request; slow ones (a loaded
        /// server) leave the rest to the loop's next boundary, so the batch stays together instead of
        /// each answer sending one request on its own.
        /// </summary>
        private async Task PollInTurnAsync(WaitTicket ticket, long batchStart)
        {
            WaitTicket? next = ticket;
            while (next != null)
            {
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
                    long now = DateTimeOffset.UtcNow.UtcTicks;
                    next = _token.IsCancellationRequested || now - batchStart >= Batch ? null : _schedule.TakeDue(now);
                }
                if (next == null) FreeSlot();
            }
        }

        private void FreeSlot()
        {
            bool wakeLoop;
            lock (_gate)
            {
                _freeSlots++;
                wakeLoop = _saturated;
                _saturated = false;
            }
            if (wakeLoop) _wake.Release();
        }
    }
}
