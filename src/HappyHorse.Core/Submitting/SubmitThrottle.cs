using System;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Submitting
{
    /// <summary>
    /// At most N submits in flight. It knows nothing of the pipeline: <c>slotFreed</c> tells the
    /// caller (from a pool thread) that a submit ended, so the thread that waits can look again.
    /// </summary>
    internal sealed class SubmitThrottle
    {
        private readonly Action _slotFreed;
        private readonly int _limit;
        private readonly ManualResetEventSlim _idle = new ManualResetEventSlim(true);
        private int _inFlight;

        public SubmitThrottle(Action slotFreed, int limit)
        {
            _slotFreed = slotFreed;
            _limit = Math.Max(1, limit);
        }

        public int InFlight => Volatile.Read(ref _inFlight);

        public bool HasFreeSlot => InFlight < _limit;

        /// <summary>From any thread, without pumping: block until nothing is in flight or the time is up.</summary>
        public bool WaitIdle(TimeSpan timeout) => _idle.Wait(timeout);

        /// <summary>Runs <paramref name="work"/> on the thread pool in a slot taken now.</summary>
        public void Start(Func<Task> work)
        {
            if (Interlocked.Increment(ref _inFlight) == 1) _idle.Reset();
            Task.Run(async () =>
            {
                try { await work().ConfigureAwait(false); }
                finally
                {
                    if (Interlocked.Decrement(ref _inFlight) == 0) _idle.Set();
                    _slotFreed();
                }
            });
        }
    }
}
