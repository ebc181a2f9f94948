using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Pipeline;
using HappyHorse.Session;

namespace HappyHorse.Commands.Base
{
    /// <summary>
    /// The one async base of the module's cmdlets (after OpenAuthenticode's AsyncPSCmdlet). Work runs
    /// on the thread pool through <see cref="StartWork"/>; whatever it has to write is posted and
    /// written here, on the pipeline thread, which pumps while it waits. The base owns the counting of
    /// work in flight, the drain when input ends, and Ctrl+C: <see cref="CancelToken"/> fires at
    /// once, <see cref="WorkToken"/> <see cref="StopGrace"/> later, so a submit the server already
    /// accepted still reaches the journal.
    /// </summary>
    public abstract class AsyncCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly CancellationTokenSource _workStopping = new CancellationTokenSource();
        private readonly ManualResetEventSlim _idle = new ManualResetEventSlim(true);
        private PipelineDispatcher? _dispatcher;
        private Exception? _workFault;
        private int _inFlight;
        private bool? _verboseOn;

        /// <summary>Joins the <see cref="StageChain"/> being built, if any (Invoke-HHVideo runs its stages in one).</summary>
        protected AsyncCmdlet() => StageChain.Join(this);

        /// <summary>Cancelled by Ctrl+C, at once: every wait and HTTP call of the pipeline thread gets it.</summary>
        internal CancellationToken CancelToken => _stopping.Token;

        /// <summary>The token <see cref="StartWork"/> hands to work: cancelled <see cref="StopGrace"/> after Ctrl+C.</summary>
        internal CancellationToken WorkToken => _workStopping.Token;

        /// <summary>How long work in flight may go on after Ctrl+C (none unless a cmdlet says so).</summary>
        protected virtual TimeSpan StopGrace => TimeSpan.Zero;

        internal PipelineDispatcher Dispatcher => _dispatcher ??= new PipelineDispatcher();

        /// <summary>How many pieces of <see cref="StartWork"/> have not ended yet.</summary>
        internal int WorkInFlight => Volatile.Read(ref _inFlight);

        /// <summary>In a chain: made now, on the pipeline thread, so the chain can post to it from any thread.</summary>
        internal void UseChainDispatcher(Action posted) => _dispatcher = new PipelineDispatcher(posted);

        /// <summary>What Ctrl+C does to this cmdlet, when its chain stops.</summary>
        internal void StopInChain() => StopProcessing();

        /// <summary>From any thread: run <paramref name="onPipeline"/> (WriteObject, WriteError, ...) on the pipeline thread.</summary>
        internal void Post(Action onPipeline) => Dispatcher.Post(onPipeline);

        /// <summary>
        /// A log sink safe to call from any thread: lines become -Verbose output on the pipeline thread.
        /// Null when verbose output is off, so engines neither format lines nor post them per request.
        /// </summary>
        internal Action<string>? VerboseLog => VerboseOn ? message => Post(() => WriteVerbose(message)) : (Action<string>?)null;

        /// <summary>Whether WriteVerbose shows anything in this call, decided once on the pipeline thread.</summary>
        internal bool VerboseOn => _verboseOn ??= Preference("Verbose", "VerbosePreference");

        /// <summary>A common switch as given (-Verbose:$false too), else whether its preference variable shows or acts.</summary>
        private protected bool Preference(string parameter, string variable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var given))
                return given is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(given);
            object? value = GetVariableValue(variable);
            if (value is PSObject pso) value = pso.BaseObject;
            if (!(value is ActionPreference preference) && !LanguagePrimitives.TryConvertTo(value, out preference)) return false;
            return preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }

        /// <summary>
        /// On the pipeline thread: runs <paramref name="work"/> on the thread pool, counted in flight
        /// until it ends. Work reports through <see cref="Post"/>; an exception it lets escape is a bug,
        /// kept and thrown as a terminating error at the next pump so it is never lost.
        /// </summary>
        internal void StartWork(Func<CancellationToken, Task> work)
        {
            if (Interlocked.Increment(ref _inFlight) == 1) _idle.Reset();
            var token = WorkToken;
            Task.Run(async () =>
            {
                try { await work(token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (token.IsCancellationRequested) { }
                catch (Exception ex) { Interlocked.CompareExchange(ref _workFault, ex, null); }
                finally
                {
                    if (Interlocked.Decrement(ref _inFlight) == 0) _idle.Set();
                    Dispatcher.Wake();
                }
            });
        }

        /// <summary>
        /// On the pipeline thread: write what work posted until <paramref name="done"/> holds (true),
        /// the deadline passes or Ctrl+C (false). <paramref name="tick"/> runs at least once a second.
        /// </summary>
        internal bool PumpUntil(Func<bool> done, DateTimeOffset? deadline = null, Action? tick = null)
        {
            bool result = Dispatcher.PumpUntil(done, deadline, CancelToken, tick);
            ThrowIfWorkFaulted();
            return result && !CancelToken.IsCancellationRequested;
        }

        /// <summary>On the pipeline thread: pump until no work is in flight; on Ctrl+C, stop the pipeline after the grace.</summary>
        internal void WaitForWork(Action? tick = null)
        {
            if (!PumpUntil(() => WorkInFlight == 0, null, tick)) StopPipeline();
        }

        /// <summary>Writes whatever work posted so far, without waiting.</summary>
        internal void Flush()
        {
            Dispatcher.Drain();
            ThrowIfWorkFaulted();
        }

        /// <summary>Ctrl+C: work in flight gets its grace to land (its output is written), then the pipeline stops.</summary>
        private protected void StopPipeline()
        {
            Dispatcher.PumpUntil(() => WorkInFlight == 0, DateTimeOffset.UtcNow + StopGrace + TimeSpan.FromMilliseconds(200), CancellationToken.None);
            throw new PipelineStoppedException();
        }

        /// <summary>One awaited call (a status, a catalog read): off the pipeline thread, pumping its messages; Ctrl+C stops the pipeline.</summary>
        internal T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            try
            {
                return Dispatcher.Run(Task.Run(() => work(CancelToken), CancelToken));
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>The cmdlet's BeginProcessing: the base's own start has run.</summary>
        protected virtual void Begin() { }

        protected sealed override void BeginProcessing()
        {
            // Before anything is written, so the first object already finds its view.
            ModuleFormats.EnsureLoaded();
            Begin();
        }

        /// <summary>Input ended: the place for a cmdlet to start its last work (it is drained after).</summary>
        protected virtual void EndInput() { }

        /// <summary>True while the cmdlet still expects results that are not <see cref="StartWork"/> tasks (jobs being polled).</summary>
        protected virtual bool HasPendingWork => false;

        /// <summary>When the drain gives up waiting for <see cref="HasPendingWork"/> (Wait-HHJob -Timeout); null: never.</summary>
        protected virtual DateTimeOffset? DrainDeadline => null;

        /// <summary>Runs at least once a second while draining: progress that moves without events.</summary>
        protected virtual void DrainTick() { }

        /// <summary>Everything ended (or the deadline passed, <paramref name="timedOut"/>): the last words.</summary>
        protected virtual void Complete(bool timedOut) { }

        protected sealed override void EndProcessing()
        {
            EndInput();
            Flush();
            bool done = PumpUntil(() => WorkInFlight == 0 && !HasPendingWork, DrainDeadline, DrainTick);
            if (CancelToken.IsCancellationRequested) StopPipeline();
            if (!done) WaitForWork(); // the deadline passed: work already started still lands
            Flush();
            Complete(!done);
        }

        protected override void StopProcessing()
        {
            _stopping.Cancel();
            try { _workStopping.CancelAfter(StopGrace); }
            catch (ObjectDisposedException) { }
        }

        /// <summary>Runs once when the engine disposes the cmdlet (end of pipeline, error or Ctrl+C), after work in flight ended.</summary>
        protected virtual void ReleaseResources() { }

        private void ThrowIfWorkFaulted()
        {
            var fault = Interlocked.Exchange(ref _workFault, null);
            if (fault != null)
                ThrowTerminatingError(new ErrorRecord(fault, "HappyHorse.InternalError", ErrorCategory.NotSpecified, null)
                {
                    ErrorDetails = new ErrorDetails($"HappyHorse failed unexpectedly: {fault.GetType().Name}: {fault.Message}")
                    { RecommendedAction = "Please report this with the command that caused it. Jobs already accepted are in the journal, if one was used." },
                });
        }

        public void Dispose()
        {
            _stopping.Cancel();
            try { _workStopping.CancelAfter(StopGrace); } catch (ObjectDisposedException) { }
            // Work on the wire must end before the journal it writes to is released.
            _idle.Wait(StopGrace + TimeSpan.FromSeconds(5));
            ReleaseResources();
            _stopping.Dispose();
            _dispatcher?.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
