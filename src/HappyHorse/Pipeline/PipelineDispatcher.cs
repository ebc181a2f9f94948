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
    /// <remarks>
    /// A queue and an event that does not spin, signalled only while the pipeline thread is waiting:
    /// a submit batch posts once per row, and a BlockingCollection's semaphore spun on every wait and
    /// woke the pipeline thread for posts it would have found anyway (issue 15's profile).
    /// </remarks>
    internal sealed class PipelineDispatcher : IDisposable
    {
        private static readonly Action WakeAction = () => { };
        private readonly ConcurrentQueue<Action> _queue = new ConcurrentQueue<Action>();
        private readonly ManualResetEventSlim _posted = new ManualResetEventSlim(false, 0);
        private readonly Action? _onPost;
        private int _waiting;
        private volatile bool _disposed;

        /// <param name="posted">Called (on the posting thread) after each post: a <see cref="StageChain"/> learns that this stage has work.</param>
        public PipelineDispatcher(Action? posted = null) => _onPost = posted;

        /// <summary>How many posts wait to run (tests).</summary>
        internal int Pending => _queue.Count;

        /// <summary>From any thread: run this on the pipeline thread at the next pump.</summary>
        public void Post(Action action)
        {
            if (_disposed) return;
            _queue.Enqueue(action);
            // Enqueue is a full fence; TryTake publishes _waiting before it looks at the queue again.
            if (Volatile.Read(ref _waiting) != 0)
            {
                try { _posted.Set(); }
                catch (ObjectDisposedException) { return; }
            }
            _onPost?.Invoke();
        }

        /// <summary>
        /// From any thread, after changing state a pump waits on: make sure the pipeline thread looks
        /// again. When something is already queued (a finished submit posts its job just before), the
        /// pump will run it and then look, so no second post and no second wake of the pipeline thread.
        /// In a <see cref="StageChain"/> every change is posted, since the chain learns of work by posts.
        /// </summary>
        public void Wake()
        {
            if (_onPost == null && !_queue.IsEmpty) return;
            Post(WakeAction);
        }

        /// <summary>On the pipeline thread: pump until the task ends, then return its value or throw its exception.</summary>
        public T Run<T>(Task<T> task)
        {
            task.ContinueWith(_ => Post(WakeAction), TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                if (TryTake(out var action, Timeout.Infinite, CancellationToken.None)) action();
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
                    if (TryTake(out var action, (int)wait.TotalMilliseconds, cancellationToken)) action();
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
            while (_queue.TryDequeue(out var action)) action();
        }

        /// <summary>On the pipeline thread: the next post, waiting up to <paramref name="milliseconds"/> for one.</summary>
        private bool TryTake(out Action action, int milliseconds, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_queue.TryDequeue(out action)) return true;
            _posted.Reset();
            // A full fence before looking again: a post either is seen now or sees _waiting and signals.
            Interlocked.Exchange(ref _waiting, 1);
            try
            {
                if (_queue.TryDequeue(out action)) return true;
                _posted.Wait(milliseconds, cancellationToken);
            }
            finally
            {
                Volatile.Write(ref _waiting, 0);
            }
            return _queue.TryDequeue(out action);
        }

        public void Dispose()
        {
            _disposed = true;
            _posted.Dispose();
        }
    }
}
