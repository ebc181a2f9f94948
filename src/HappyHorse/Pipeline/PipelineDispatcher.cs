using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Pipeline
{
    /// <summary>
    /// The module's one threading rule: async work runs on the thread pool; anything that touches
    /// the pipeline (WriteObject, WriteError, WriteVerbose, WriteProgress) is posted here and run
    /// on the pipeline thread, which pumps this queue while it waits.
    /// </summary>
    internal sealed class PipelineDispatcher : IDisposable
    {
        private static readonly Action WakeAction = () => { };
        // A lock and a queue rather than a BlockingCollection: its SemaphoreSlim spins before it sleeps,
        // and the pipeline thread, which mostly waits for answers milliseconds away, spent a profile's
        // worth of CPU spinning there (a third of New-HHVideoJob's pipeline-thread samples).
        private readonly object _gate = new object();
        private readonly Queue<Action> _queue = new Queue<Action>();
        private readonly Action? _posted;
        private bool _disposed;

        /// <param name="posted">Called (on the posting thread) after each post: a <see cref="StageChain"/> learns that this stage has work.</param>
        public PipelineDispatcher(Action? posted = null) => _posted = posted;

        /// <summary>From any thread: run this on the pipeline thread at the next pump.</summary>
        public void Post(Action action)
        {
            lock (_gate)
            {
                if (_disposed) return;
                _queue.Enqueue(action);
                Monitor.Pulse(_gate);
            }
            _posted?.Invoke();
        }

        /// <summary>
        /// From any thread, after changing state a pump waits on: make sure the pipeline thread looks
        /// again. When something is already queued (a finished submit posts its job just before), the
        /// pump will run it and then look, so no second post and no second wake of the pipeline thread.
        /// In a <see cref="StageChain"/> every change is posted, since the chain learns of work by posts.
        /// </summary>
        public void Wake()
        {
            if (_posted == null && Pending > 0) return;
            Post(WakeAction);
        }

        /// <summary>How many posts wait to run: Wake asks it before it sleeps, tests read it.</summary>
        internal int Pending
        {
            get { lock (_gate) return _queue.Count; }
        }

        /// <summary>On the pipeline thread: pump until the task ends, then return its value or throw its exception.</summary>
        public T Run<T>(Task<T> task)
        {
            task.ContinueWith(_ => Post(WakeAction), TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                if (TryTake(Timeout.Infinite, CancellationToken.None) is Action action) action();
            }
            Drain();
            return task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// On the pipeline thread: pump until <paramref name="done"/> holds or the deadline passes; True when done.
        /// <paramref name="tick"/> runs at least once a second, for progress that changes without events.
        /// </summary>
        public bool PumpUntil(Func<bool> done, DateTimeOffset? deadline, CancellationToken cancellationToken, Action? tick = null)
        {
            if (done())
            {
                Drain();
                return true;
            }
            using var wakeOnCancel = cancellationToken.CanBeCanceled ? cancellationToken.Register(WakeAll) : default;
            while (!done())
            {
                tick?.Invoke();
                TimeSpan wait = deadline.HasValue ? deadline.Value - DateTimeOffset.UtcNow : Timeout.InfiniteTimeSpan;
                if (deadline.HasValue && wait <= TimeSpan.Zero) return false;
                if (wait > TimeSpan.FromSeconds(1) || wait == Timeout.InfiniteTimeSpan) wait = TimeSpan.FromSeconds(1);
                if (cancellationToken.IsCancellationRequested) return false;
                TryTake((int)Math.Ceiling(wait.TotalMilliseconds), cancellationToken)?.Invoke();
            }
            Drain();
            return true;
        }

        /// <summary>Runs whatever is queued now without waiting.</summary>
        public void Drain()
        {
            while (TryTake(0, CancellationToken.None) is Action action) action();
        }

        /// <summary>The next post, waiting up to <paramref name="milliseconds"/> for one; null when none came or the wait was cancelled. Pumping a disposed dispatcher throws, as its BlockingCollection did.</summary>
        private Action? TryTake(int milliseconds, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(PipelineDispatcher));
                if (_queue.Count == 0 && milliseconds != 0 && !cancellationToken.IsCancellationRequested)
                    Monitor.Wait(_gate, milliseconds);
                return _queue.Count > 0 && !cancellationToken.IsCancellationRequested ? _queue.Dequeue() : null;
            }
        }

        private void WakeAll()
        {
            lock (_gate) Monitor.PulseAll(_gate);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _queue.Clear();
                Monitor.PulseAll(_gate);
            }
        }
    }
}
