using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using HappyHorse.Commands.Base;

namespace HappyHorse.Pipeline
{
    /// <summary>
    /// Runs cmdlets as `A | B | C` on behalf of one outer cmdlet (Invoke-HHVideo), each stage a steppable
    /// pipeline of its own: `A @parameters *>&amp;1 | relay`. The relay hands everything a stage writes to
    /// <see cref="Route"/>: objects go on to the next stage (the last stage's to the owner's output),
    /// errors, warnings, verbose, debug and information go out through the owner's own Write methods.
    /// So the owner's -ErrorVariable, -ErrorAction, $? and redirections apply as they would to any
    /// cmdlet, and a redirection of the owner (2>&amp;1) never reaches between the stages.
    /// <para>
    /// Separate pipelines also let a stage run while an earlier one blocks: a cmdlet writes only in its
    /// own turn, and Save-HHVideo's turn would otherwise come only when Wait-HHJob writes the next
    /// result. A stage that has work posted (a download finished) wakes the earlier stages, and
    /// whichever of them is pumping steps it again with its last input. Stages after the first must
    /// treat an input they have already seen as nothing to do (Wait-HHJob and Save-HHVideo skip a
    /// request id they already have), so such a step only lets them write what is ready.
    /// </para>
    /// </summary>
    internal sealed class StageChain : IDisposable
    {
        private const string Relay = "Send-HHStageRecord";

        // PowerShell gives the commands of a steppable pipeline the error merging (2>&1) of the command
        // that is running when it is made: made by Invoke-HHVideo, `Invoke-HHVideo 2>&1` would merge each
        // stage's errors into the next stage's input, and without it each stage's own *>&1 would lose its
        // errors. Made inside `. { } 2>&1`, every stage merges its errors into its relay, whatever the
        // owner's redirections. (Only 2>&1 there: the other streams' pipes would be copied as well.)
        // Dot-sourced, with $args, and run without a scope of its own: a steppable pipeline made in a
        // scope that has ended resolves rooted paths wrongly ("/tmp/x" becomes "/mp/x", PowerShell 7.6).
        private static readonly ScriptBlock Builder = ScriptBlock.Create(
            ". { $args[0].GetSteppablePipeline('Internal', $args[1]) } $args[0] $args[1] 2>&1");

        [ThreadStatic] private static Stage? t_building;

        private readonly PSCmdlet _owner;
        private readonly List<Stage> _stages = new List<Stage>();
        private readonly CmdletInfo _relay = new CmdletInfo(Relay, typeof(StageRelay));
        private ExceptionDispatchInfo? _failure;
        private volatile bool _stopping;
        private volatile bool _stoppedByUser;

        public StageChain(PSCmdlet owner) => _owner = owner;

        /// <summary>Ctrl+C reached the chain: nothing more can be written.</summary>
        public bool StoppedByUser => _stoppedByUser;

        /// <summary>Sees each object and error a stage wrote (stage number from 0, the record) before it goes on, also while stopping.</summary>
        public Action<int, object>? Observe { get; set; }

        /// <summary>Builds and begins the next stage: <paramref name="command"/> with these parameters.</summary>
        public void Add(string command, Hashtable parameters, bool expectInput)
        {
            var stage = new Stage(this, _stages.Count);
            _stages.Add(stage);
            string script = $"param($Parameters, $Relay, $Chain, $Stage) {command} @Parameters *>&1 | & $Relay -Chain $Chain -Stage $Stage";
            t_building = stage;
            try
            {
                var built = _owner.InvokeCommand.InvokeScript(false, Builder, null, ScriptBlock.Create(script), new object[] { parameters, _relay, this, stage.Index });
                stage.Pipeline = (SteppablePipeline)built[0].BaseObject;
                stage.Pipeline.Begin(expectInput);
            }
            finally
            {
                t_building = null;
            }
        }

        /// <summary>Called by every AsyncCmdlet's constructor: the command of the stage being built joins it.</summary>
        internal static void Join(AsyncCmdlet cmdlet)
        {
            var stage = t_building;
            if (stage == null || stage.Cmdlet != null) return;
            stage.Cmdlet = cmdlet;
            cmdlet.UseChainDispatcher(() => stage.Chain.Wake(stage));
        }

        /// <summary>Steps the first stage with one input (or none). After a failure: ends the chain and throws it.</summary>
        public void Process(object? input, bool hasInput)
        {
            var first = _stages[0];
            if (hasInput) Step(first, input);
            else Step(first, null, noInput: true);
            ThrowIfFailed();
        }

        /// <summary>Ends every stage in order; each ends only once the ones before it have.</summary>
        public void End()
        {
            foreach (var stage in _stages)
            {
                stage.Ending = true;
                try { Strays(stage, stage.Pipeline!.End()); }
                catch (Exception ex) { Fail(ex); }
                stage.Ended = true;
                ThrowIfFailed();
            }
        }

        /// <summary>Ctrl+C, from any thread: every stage stops as it would in the long form.</summary>
        public void Stop()
        {
            _stoppedByUser = true;
            _stopping = true;
            foreach (var stage in _stages.ToArray()) stage.Cmdlet?.StopInChain();
        }

        public void Dispose()
        {
            foreach (var stage in _stages) stage.Pipeline?.Dispose();
        }

        /// <summary>From a stage's relay, on the pipeline thread. Never throws: a failure stops the chain instead.</summary>
        internal void Route(int index, PSObject? item)
        {
            if (item == null) return;
            try
            {
                object record = item.BaseObject;
                if (record is ErrorRecord error)
                {
                    if (_stopping) return;
                    Observe?.Invoke(index, error);
                    _owner.WriteError(error);
                }
                else if (record is InformationalRecord || record is InformationRecord)
                {
                    if (!_stopping) WriteStream(record);
                }
                else
                {
                    Observe?.Invoke(index, item);
                    if (_stopping) return;
                    if (index == _stages.Count - 1) _owner.WriteObject(item);
                    else Step(_stages[index + 1], item);
                }
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
        }

        private void WriteStream(object record)
        {
            switch (record)
            {
                case WarningRecord warning: _owner.WriteWarning(warning.Message); break;
                case VerboseRecord verbose: _owner.WriteVerbose(verbose.Message); break;
                case DebugRecord debug: _owner.WriteDebug(debug.Message); break;
                case InformationRecord information: _owner.WriteInformation(information); break;
            }
        }

        private void Step(Stage stage, object? input, bool noInput = false)
        {
            if (_stopping || stage.Ending || stage.Stepping) return;
            stage.Stepping = true;
            try
            {
                if (noInput) Strays(stage, stage.Pipeline!.Process());
                else
                {
                    stage.LastInput = input;
                    Strays(stage, stage.Pipeline!.Process(input));
                }
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
            finally
            {
                stage.Stepping = false;
            }
        }

        /// <summary>What a stage's pipeline returns is what its relay wrote itself (an error of the relay): it is reported too.</summary>
        private void Strays(Stage stage, Array? results)
        {
            if (results == null) return;
            foreach (object? result in results)
                if (result != null) Route(stage.Index, PSObject.AsPSObject(result));
        }

        /// <summary>From any thread: a stage has work posted. The earlier stages are the ones that may be pumping now.</summary>
        private void Wake(Stage stage)
        {
            if (_stopping || stage.Index == 0 || Interlocked.Exchange(ref stage.WakePending, 1) == 1) return;
            for (int i = 0; i < stage.Index; i++)
            {
                var earlier = _stages[i];
                if (!earlier.Ended) earlier.Cmdlet?.Dispatcher.Post(() => Nudge(stage));
            }
        }

        private void Nudge(Stage stage)
        {
            Interlocked.Exchange(ref stage.WakePending, 0);
            if (stage.LastInput != null) Step(stage, stage.LastInput);
        }

        /// <summary>Keeps the first failure and stops the waiting stages; the first stage still finishes the submits it sent.</summary>
        private void Fail(Exception ex)
        {
            if (_failure != null) return;
            _failure = ExceptionDispatchInfo.Capture(ex);
            _stopping = true;
            for (int i = 1; i < _stages.Count; i++) _stages[i].Cmdlet?.StopInChain();
        }

        private void ThrowIfFailed()
        {
            if (_failure == null) return;
            var first = _stages[0];
            // A submit already sent may still be accepted: its job must reach the owner (Observe), so the
            // first stage ends normally unless Ctrl+C stopped it. (An owner's write that meets -ErrorAction
            // Stop throws PipelineStoppedException too: the engine keeps the error to throw it later.)
            if (!first.Ending && !_stoppedByUser)
            {
                first.Ending = true;
                try { first.Pipeline!.End(); }
                catch (Exception) { /* the first failure is the one to report */ }
            }
            foreach (var stage in _stages) stage.Ending = stage.Ended = true;
            Dispose();
            _failure.Throw();
        }

        private sealed class Stage
        {
            public Stage(StageChain chain, int index)
            {
                Chain = chain;
                Index = index;
            }

            public StageChain Chain { get; }
            public int Index { get; }
            public SteppablePipeline? Pipeline { get; set; }
            public AsyncCmdlet? Cmdlet { get; set; }
            public object? LastInput { get; set; }
            public bool Stepping { get; set; }

            /// <summary>Its End has begun: it takes no more steps.</summary>
            public bool Ending { get; set; }

            /// <summary>Its End has returned: nothing pumps its queue any more.</summary>
            public volatile bool Ended;
            public int WakePending;
        }
    }
}
