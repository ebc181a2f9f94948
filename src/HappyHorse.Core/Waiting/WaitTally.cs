using System;
using System.Collections.Generic;
using HappyHorse.Api;

namespace HappyHorse.Waiting
{
    /// <summary>
    /// The unfinished jobs by the word last shown for each, kept up to date as words change. Counting
    /// them by walking every ticket made each progress tick cost as much as the batch is long, under
    /// the lock every poll needs. Not thread-safe: <see cref="JobWaiter"/> calls it under its lock.
    /// </summary>
    internal sealed class WaitTally
    {
        private int _queued, _running;
        private SortedDictionary<string, int>? _other;

        /// <summary>A job enters the tally with this word (or moves to it, after <see cref="Leave"/>).</summary>
        public void Enter(string word) => Shift(word, 1);

        /// <summary>A job leaves the word it had: it moves on, or it finished.</summary>
        public void Leave(string word) => Shift(word, -1);

        public WaitCounts Snapshot(int total, int succeeded, int failed) =>
            new WaitCounts(total, _queued, _running, succeeded, failed,
                _other == null || _other.Count == 0 ? null : new SortedDictionary<string, int>(_other, StringComparer.Ordinal));

        private void Shift(string word, int by)
        {
            if (word == JobStates.InQueue || word == WaitTicket.NotSeenYet) _queued += by;
            else if (JobStates.IsKnown(word)) _running += by;
            else
            {
                _other ??= new SortedDictionary<string, int>(StringComparer.Ordinal);
                _other.TryGetValue(word, out int n);
                if (n + by == 0) _other.Remove(word);
                else _other[word] = n + by;
            }
        }
    }
}
