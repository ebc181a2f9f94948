using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Pipeline;

namespace HappyHorse.Commands.Base
{
    /// <summary>
    /// Base of every cmdlet: one CancellationTokenSource that Ctrl+C (StopProcessing) cancels and
    /// that every HTTP call receives, and the dispatcher that keeps Write* on the pipeline thread.
    /// </summary>
    public abstract class HHCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private PipelineDispatcher? _dispatcher;
        private bool? _verboseOn;

        /// <summary>Joins the <see cref="StageChain"/> being built, if any (Invoke-HHVideo runs its stages in one).</summary>
        protected HHCmdlet() => StageChain.Join(this);

        internal CancellationToken CancelToken => _stopping.Token;

        internal PipelineDispatcher Dispatcher => _dispatcher ??= new PipelineDispatcher();

        /// <summary>In a chain: made now, on the pipeline thread, so the chain can post to it from any thread.</summary>
        internal void UseChainDispatcher(Action posted) => _dispatcher = new PipelineDispatcher(posted);

        /// <summary>What Ctrl+C does to this cmdlet, when its chain stops.</summary>
        internal void StopInChain() => StopProcessing();

        /// <summary>
        /// A log sink safe to call from any thread: lines become -Verbose output on the pipeline thread.
        /// Null when verbose output is off, so engines neither format lines nor post them per request.
        /// Read it on the pipeline thread.
        /// </summary>
        internal Action<string>? VerboseLog => VerboseOn ? message => Dispatcher.Post(() => WriteVerbose(message)) : (Action<string>?)null;

        /// <summary>
        /// Whether WriteVerbose shows anything in this call (-Verbose, or $VerbosePreference), decided
        /// once on the pipeline thread: per-row verbose text is built only when it is.
        /// </summary>
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

        /// <summary>Runs async work off the pipeline thread, pumping its messages, and turns Ctrl+C into a pipeline stop.</summary>
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

        protected override void StopProcessing() => _stopping.Cancel();

        protected override void EndProcessing() => _dispatcher?.Drain();

        /// <summary>Runs once when the engine disposes the cmdlet (end of pipeline, error or Ctrl+C).</summary>
        protected virtual void ReleaseResources() { }

        public void Dispose()
        {
            _stopping.Cancel();
            ReleaseResources();
            _stopping.Dispose();
            _dispatcher?.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
