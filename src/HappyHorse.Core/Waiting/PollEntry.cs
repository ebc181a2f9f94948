using System;

namespace HappyHorse.Waiting
{
    /// <summary>One poll in <see cref="JobWaiter"/>'s schedule: by due time, then in the order they were planned.</summary>
    internal readonly struct PollEntry : IComparable<PollEntry>
    {
        public PollEntry(long dueTicks, long sequence, WaitTicket ticket)
        {
            DueTicks = dueTicks;
            Sequence = sequence;
            Ticket = ticket;
        }

        public long DueTicks { get; }
        public long Sequence { get; }
        public WaitTicket Ticket { get; }

        public int CompareTo(PollEntry other) =>
            DueTicks != other.DueTicks ? DueTicks.CompareTo(other.DueTicks) : Sequence.CompareTo(other.Sequence);
    }
}
