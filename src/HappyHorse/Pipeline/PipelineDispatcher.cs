using System;
using System.Collections.Concurrent;
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
        private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();
        private readonly Action? _posted;

        /// <param name="posted">Called (on the posting thread) after each post: a <see cref="StageChain"/> learns that this stage has work.</param>
        public PipelineDispatcher(Action? posted = null) => _posted = posted;

        /// <summary>From any thread: run this on the pipeline thread at the next pump.</summary>
        public void Post(Action action)
        {
            try { _queue.Add(action); }
            catch (ObjectDisposedException) { return; }
            catch (InvalidOperationException) { return; }
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
            try
            {
                if (_posted == null && _queue.Count > 0) return;
            }
            catch (ObjectDisposedException) { return; }
            Post(WakeAction);
        }

        /// <summary>How many posts wait to run (tests).</summary>
        internal int Pending => _queue.Count;

        /// <summary>On the pipeline thread: pump until the task ends, then return its value or throw its exception.</summary>
        public T Run<T>(Task<T> task)
        {
            task.ContinueWith(_ => Post(WakeAction), TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                var action = _queue.Take();
                action();
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
            while (!done())
            {
                tick?.Invoke();
                TimeSpan wait = deadline.HasValue ? deadline.Value - DateTimeOffset.UtcNow : Timeout.InfiniteTimeSpan;
                if (deadline.HasValue && wait <= TimeSpan.Zero) return false;
                if (wait > TimeSpan.FromSeconds(1) || wait == Timeout.InfiniteTimeSpan) wait = TimeSpan.FromSeconds(1);
                try
                {
                    if (_queue.TryTake(out var action, (int)wait.TotalMilliseconds, cancellationToken)) action();
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
            Drain();
            return true;
        }

        /// <summary>Runs whatever is queued now without waiting.</summary>
        public void Drain()
        {
            while (_queue.TryTake(out var action)) action();
        }

        public void Dispose() => _queue.Dispose();
    }
}
