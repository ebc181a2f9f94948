using System;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Cmdlets;

namespace HappyHorse.Submitting
{
    /// <summary>
    /// At most N submits in flight. The pipeline thread waits for a slot by pumping the dispatcher,
    /// so accepted jobs keep flowing downstream while later rows wait their turn.
    /// </summary>
    internal sealed class SubmitThrottle
    {
        private static readonly Action Wake = () => { };
        private readonly PipelineDispatcher _dispatcher;
        private readonly int _limit;
        private readonly ManualResetEventSlim _idle = new ManualResetEventSlim(true);
        private int _inFlight;

        public SubmitThrottle(PipelineDispatcher dispatcher, int limit)
        {
            _dispatcher = dispatcher;
            _limit = Math.Max(1, limit);
        }

        public int InFlight => Volatile.Read(ref _inFlight);

        /// <summary>On the pipeline thread: pump until a slot is free; false when <paramref name="stop"/> fired first.</summary>
        public bool WaitForSlot(CancellationToken stop) =>
            _dispatcher.PumpUntil(() => InFlight < _limit, null, stop) && !stop.IsCancellationRequested;

        /// <summary>On the pipeline thread: pump until nothing is in flight or the deadline passes.</summary>
        public bool WaitForAll(DateTimeOffset? deadline, CancellationToken stop) =>
            _dispatcher.PumpUntil(() => InFlight == 0, deadline, stop);

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
                    _dispatcher.Post(Wake);
                }
            });
        }
    }
}
