using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HappyHorse.Binding;
using HappyHorse.Commands.Base;
using HappyHorse.Pipeline;
using HappyHorse.Records;

namespace HappyHorse.Commands
{
    /// <summary>
    /// The one-liner: submits each row, waits for all of them at once and saves every video, i.e.
    /// New-HHVideoJob | Wait-HHJob | Save-HHVideo run as a <see cref="StageChain"/>, so rows stream
    /// through exactly as in the long form and every parameter means what it means there. Everything
    /// the stages report comes out through this cmdlet, so its common parameters apply to all of it.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "HHVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Docs + "Invoke-HHVideo.md")]
    [OutputType(typeof(System.IO.FileInfo))]
    public sealed class InvokeHHVideoCommand : AsyncCmdlet
    {
        private readonly AcceptedJobs _accepted = new AcceptedJobs();
        private readonly List<object> _seen = new List<object>();
        private readonly List<PSObject?> _rows = new List<PSObject?>();
        private StageChain? _chain;

        /// <summary>A row (e.g. from Import-Csv) whose columns are New-HHVideoJob's parameters.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(Position = 0), AllowEmptyString, AllowNull] public string? Prompt { get; set; }
        [Parameter(Position = 1), EmptyAsNull] public string[]? ImageUrl { get; set; }
        [Parameter, Alias("aspect_ratio"), LenientInput("aspect_ratio"), ArgumentCompleter(typeof(ChoiceCompleter))] public string? AspectRatio { get; set; }
        [Parameter, LenientInput("resolution"), ArgumentCompleter(typeof(ChoiceCompleter))] public string? Resolution { get; set; }
        [Parameter, LenientInput("duration")] public int? Duration { get; set; }
        [Parameter, LenientInput("seed")] public int? Seed { get; set; }
        [Parameter, LenientInput("watermark")] public SwitchParameter Watermark { get; set; }
        [Parameter, Alias("model_id"), EmptyAsNull] public string? Model { get; set; }

        /// <summary>Folder for the videos (created if missing).</summary>
        [Parameter, ValidateNotNullOrEmpty] public string Path { get; set; } = ".";
        [Parameter, ValidateNotNullOrEmpty] public string? FileName { get; set; }
        [Parameter] public SwitchParameter Force { get; set; }
        [Parameter, ValidateRange(1L, long.MaxValue)] public long MaxBytes { get; set; } = HappyHorse.Download.TransferLimits.DefaultMaxBytes;

        [Parameter, ValidateRange(1, 64)] public int ThrottleLimit { get; set; } = 8;
        [Parameter, ValidateNotNullOrEmpty] public string? JournalPath { get; set; }
        [Parameter] public SwitchParameter ResubmitUnknown { get; set; }
        [Parameter] public SwitchParameter RetryFailed { get; set; }
        [Parameter, ValidateRange(0.0, 1000000.0)] public double? MaxTotalCost { get; set; }
        [Parameter] public SwitchParameter Preflight { get; set; }
        [Parameter, ValidateNotNullOrEmpty] public string? TitleColumn { get; set; }
        [Parameter, ValidateRange(1.0, 3600.0)] public double PollInterval { get; set; } = 2;
        [Parameter, ValidateRange(1, int.MaxValue)] public int? Timeout { get; set; }
        [Parameter] public SwitchParameter IncludeCost { get; set; }

        /// <summary>At the end, write an HTML report of the run here (as Export-HHReport does).</summary>
        [Parameter, ValidateNotNullOrEmpty] public string? Report { get; set; }

        [Parameter, SecureStringInput] public SecureString? Token { get; set; }
        [Parameter] public string? BaseUri { get; set; }
        [Parameter] public Uri? Proxy { get; set; }
        [Parameter, Credential] public PSCredential? ProxyCredential { get; set; }
        [Parameter, ValidateRange(1, 86400)] public int TimeoutSec { get; set; } = 100;

        protected override void Begin()
        {
            // Nothing here binds from the pipeline but InputObject, so BoundParameters is the command line.
            var given = MyInvocation.BoundParameters;
            WriteVerbose("Running New-HHVideoJob | Wait-HHJob | Save-HHVideo.");
            _chain = new StageChain(this) { Observe = Observe };
            // Each stage gets the parameters it declares itself (StageParameters); common parameters go to all.
            for (int i = 0; i < StageParameters.Stages.Count; i++)
            {
                var stage = StageParameters.Stages[i];
                _chain.Add(stage.Key, Pick(given, stage.Value), i == 0 ? MyInvocation.ExpectingInput : true);
            }
        }

        protected override void ProcessRecord()
        {
            if (Report != null) _rows.Add(InputObject);
            Guard(() => _chain!.Process(InputObject, InputObject != null));
        }

        // The stages drain themselves inside the chain: when End returns, every stage has ended.
        protected override void EndInput() => Guard(() => _chain!.End());

        protected override void Complete(bool timedOut)
        {
            if (Report != null) RunReport.Write(this, Report, _seen, _rows);
        }

        /// <summary>The report takes refused rows' errors, and every result, file and error after the submit.</summary>
        private void Observe(int stage, object record)
        {
            _accepted.Observe(stage, record);
            if (Report != null && (stage > 0 || record is ErrorRecord)) _seen.Add(record);
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _chain?.Stop();
        }

        protected override void ReleaseResources() => _chain?.Dispose();

        /// <summary>When the batch stops on an error, every job already paid for is named before the error goes on.</summary>
        private void Guard(Action step)
        {
            try
            {
                step();
            }
            catch (Exception) when (!_chain!.StoppedByUser)
            {
                ReportUndelivered();
                throw;
            }
        }

        private void ReportUndelivered()
        {
            var jobs = _accepted.Undelivered();
            if (jobs.Count == 0) return;
            string ids = string.Join(",", jobs.Select(j => j.RequestId));
            string save = $"Save-HHVideo -Path {Quoted(Path)}" + (FileName != null ? $" -FileName {Quoted(FileName)}" : "");
            string connection = MyInvocation.BoundParameters.ContainsKey("BaseUri") || Token != null ? " (with this run's -Token/-BaseUri)" : "";
            string message = $"Invoke-HHVideo stopped before it delivered {jobs.Count} accepted job(s); they go on running on RunComfy and are charged: " +
                string.Join(", ", jobs.Select(j => $"row {j.Index} = {j.RequestId}")) +
                $". Collect them with: Wait-HHJob -RequestId {ids} | {save}{connection}" +
                (JournalPath != null ? $", or: Resume-HHJob -JournalPath {Quoted(JournalPath)} | Wait-HHJob | {save}" : "") + ".";
            try
            {
                WriteWarning(message);
            }
            catch (Exception)
            {
                // -WarningAction Stop, or a host that cannot show it: verbose at least.
                try { WriteVerbose(message); } catch (Exception) { }
            }
        }

        private static string Quoted(string text) => "'" + text.Replace("'", "''") + "'";

        internal static Hashtable Pick(IDictionary<string, object> given, Type stage)
        {
            var picked = new Hashtable(StringComparer.OrdinalIgnoreCase);
            // The stages report everything to this cmdlet, which applies -ErrorAction and the rest; only
            // Ignore goes down too, so an ignored error does not even reach $Error.
            foreach (string action in StreamActions)
                picked[action] = given.TryGetValue(action, out var value) && IsIgnore(value) ? ActionPreference.Ignore : ActionPreference.Continue;
            foreach (var pair in given)
            {
                // -WhatIf/-Confirm go to the stages that act on them (submit, save), not to Wait-HHJob.
                bool common = Array.IndexOf(ForwardedCommon, pair.Key) >= 0 && (!IsShouldProcess(pair.Key) || SupportsShouldProcess(stage));
                if (common || StageParameters.Routes(stage, pair.Key)) picked[pair.Key] = pair.Value;
            }
            return picked;
        }

        private static bool IsShouldProcess(string name) => name == "WhatIf" || name == "Confirm";

        private static bool SupportsShouldProcess(Type stage) =>
            stage.GetCustomAttributes(typeof(CmdletAttribute), false) is CmdletAttribute[] a && a.Length == 1 && a[0].SupportsShouldProcess;

        private static bool IsIgnore(object value) =>
            (value is PSObject p ? p.BaseObject : value) is ActionPreference a ? a == ActionPreference.Ignore
            : string.Equals(value?.ToString(), nameof(ActionPreference.Ignore), StringComparison.OrdinalIgnoreCase);

        private static readonly string[] StreamActions = { "ErrorAction", "WarningAction", "InformationAction" };

        private static readonly string[] ForwardedCommon = { "Verbose", "Debug", "ProgressAction", "WhatIf", "Confirm" };
    }
}
