using System;
using System.Collections.Generic;

namespace HappyHorse.Waiting
{
    /// <summary>
    /// The polls to come, filed by the batch boundary they go out on: a poll due at <c>t</c> leaves on
    /// the first boundary at or after <c>t</c>, with the others filed there, in the order they were
    /// filed. The dispatcher sends only on boundaries, so nothing finer is needed; ten thousand queued
    /// jobs share a few hundred boundaries, which costs a list slot a poll instead of a tree node
    /// (64 B) and a walk of fourteen levels to add and take each. Not thread-safe: the
    /// <see cref="PollDispatcher"/> that owns it calls it under its own lock.
    /// </summary>
    internal sealed class PollSchedule
    {
        private readonly long _batchTicks;
        private readonly SortedSet<long> _boundaries = new SortedSet<long>();
        private readonly Dictionary<long, Queue<WaitTicket>> _byBoundary = new Dictionary<long, Queue<WaitTicket>>();

        public PollSchedule(TimeSpan batch) => _batchTicks = Math.Max(1, batch.Ticks);

        public int Count { get; private set; }

        /// <summary>The boundary (UTC ticks) the next poll leaves on; null when none is planned.</summary>
        public long? Next => Count > 0 ? _boundaries.Min : (long?)null;

        /// <summary>The boundary a poll due at <paramref name="dueTicks"/> leaves on.</summary>
        public long BoundaryOf(long dueTicks) => (dueTicks + _batchTicks - 1) / _batchTicks * _batchTicks;

        public void Add(long dueTicks, WaitTicket ticket)
        {
            long boundary = BoundaryOf(dueTicks);
            if (!_byBoundary.TryGetValue(boundary, out var polls))
            {
                polls = new Queue<WaitTicket>();
                _byBoundary.Add(boundary, polls);
                _boundaries.Add(boundary);
            }
            polls.Enqueue(ticket);
            Count++;
        }

        /// <summary>Takes the next poll whose boundary is at or before <paramref name="nowTicks"/>; null when none is.</summary>
        public WaitTicket? TakeDue(long nowTicks)
        {
            if (Count == 0) return null;
            long boundary = _boundaries.Min;
            if (boundary > nowTicks) return null;
            var polls = _byBoundary[boundary];
            var ticket = polls.Dequeue();
            Count--;
            if (polls.Count == 0)
            {
                _byBoundary.Remove(boundary);
                _boundaries.Remove(boundary);
            }
            return ticket;
        }

        /// <summary>Takes every poll whose boundary is at or before <paramref name="nowTicks"/>, in order; null when none is.</summary>
        public List<WaitTicket>? TakeAllDue(long nowTicks)
        {
            List<WaitTicket>? due = null;
            while (TakeDue(nowTicks) is WaitTicket ticket) (due ??= new List<WaitTicket>()).Add(ticket);
            return due;
        }

        /// <summary>Whether a poll is due by <paramref name="nowTicks"/>.</summary>
        public bool AnyDue(long nowTicks) => Count > 0 && _boundaries.Min <= nowTicks;
    }
}
