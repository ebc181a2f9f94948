using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using HappyHorse.Cmdlets.Binding;

namespace HappyHorse.Commands
{
    /// <summary>
    /// The one-liner: submits each row, waits for all of them at once and saves every video, i.e.
    /// New-HHVideoJob | Wait-HHJob | Save-HHVideo run as one steppable pipeline, so rows stream
    /// through exactly as in the long form and every parameter means what it means there.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "HHVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = Cmdlets.HelpLinks.Docs + "Invoke-HHVideo.md")]
    [OutputType(typeof(System.IO.FileInfo))]
    public sealed class InvokeHHVideoCommand : PSCmdlet
    {
        private const string Script = "param($New, $Wait, $Save) HappyHorse\\New-HHVideoJob @New | HappyHorse\\Wait-HHJob @Wait | HappyHorse\\Save-HHVideo @Save";

        // Which stage each parameter goes to; common parameters (-Verbose, -WhatIf, ...) go to all three.
        private static readonly string[] ForNew =
        {
            "Prompt", "ImageUrl", "AspectRatio", "Resolution", "Duration", "Seed", "Watermark", "Model",
            "ThrottleLimit", "JournalPath", "ResubmitUnknown", "MaxTotalCost", "Preflight", "TitleColumn",
        };
        private static readonly string[] ForWait = { "PollInterval", "Timeout", "IncludeCost", "JournalPath" };
        private static readonly string[] ForSave = { "Path", "FileName", "Force", "JournalPath" };
        private static readonly string[] ForAll = { "Token", "BaseUri", "Proxy", "ProxyCredential", "TimeoutSec" };

        private SteppablePipeline? _pipeline;

        /// <summary>A row (e.g. from Import-Csv) whose columns are New-HHVideoJob's parameters.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(Position = 0)] public string? Prompt { get; set; }
        [Parameter(Position = 1)] public string[]? ImageUrl { get; set; }
        [Parameter, ArgumentCompleter(typeof(ChoiceCompleter))] public string? AspectRatio { get; set; }
        [Parameter, ArgumentCompleter(typeof(ChoiceCompleter))] public string? Resolution { get; set; }
        [Parameter, LenientInput("duration")] public int? Duration { get; set; }
        [Parameter, LenientInput("seed")] public int? Seed { get; set; }
        [Parameter] public SwitchParameter Watermark { get; set; }
        [Parameter] public string? Model { get; set; }

        /// <summary>Folder for the videos (created if missing).</summary>
        [Parameter] public string Path { get; set; } = ".";
        [Parameter] public string? FileName { get; set; }
        [Parameter] public SwitchParameter Force { get; set; }

        [Parameter, ValidateRange(1, 64)] public int ThrottleLimit { get; set; } = 8;
        [Parameter, ValidateNotNullOrEmpty] public string? JournalPath { get; set; }
        [Parameter] public SwitchParameter ResubmitUnknown { get; set; }
        [Parameter, ValidateRange(0.0, 1000000.0)] public double? MaxTotalCost { get; set; }
        [Parameter] public SwitchParameter Preflight { get; set; }
        [Parameter, ValidateNotNullOrEmpty] public string? TitleColumn { get; set; }
        [Parameter, ValidateRange(1.0, 3600.0)] public double PollInterval { get; set; } = 2;
        [Parameter, ValidateRange(1, int.MaxValue)] public int? Timeout { get; set; }
        [Parameter] public SwitchParameter IncludeCost { get; set; }

        [Parameter, SecureStringInput] public SecureString? Token { get; set; }
        [Parameter] public string? BaseUri { get; set; }
        [Parameter] public Uri? Proxy { get; set; }
        [Parameter] public PSCredential? ProxyCredential { get; set; }
        [Parameter, ValidateRange(1, 86400)] public int TimeoutSec { get; set; } = 100;

        protected override void BeginProcessing()
        {
            // Nothing here binds from the pipeline but InputObject, so BoundParameters is the command line.
            var given = MyInvocation.BoundParameters;
            var stages = new object[] { Pick(given, ForNew, forwardsShouldProcess: true), Pick(given, ForWait, false), Pick(given, ForSave, true) };
            WriteVerbose("Running New-HHVideoJob | Wait-HHJob | Save-HHVideo.");
            _pipeline = ScriptBlock.Create(Script).GetSteppablePipeline(CommandOrigin.Internal, stages);
            _pipeline.Begin(this);
        }

        protected override void ProcessRecord()
        {
            if (InputObject != null) _pipeline!.Process(InputObject);
            else _pipeline!.Process();
        }

        protected override void EndProcessing() => _pipeline?.End();

        protected override void StopProcessing() => _pipeline?.Dispose();

        private static Hashtable Pick(IDictionary<string, object> given, string[] names, bool forwardsShouldProcess)
        {
            var picked = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in given)
            {
                bool common = Array.IndexOf(ForwardedCommon, pair.Key) >= 0 && (forwardsShouldProcess || !IsShouldProcess(pair.Key));
                if (common || Array.Exists(names, n => string.Equals(n, pair.Key, StringComparison.OrdinalIgnoreCase))
                    || Array.Exists(ForAll, n => string.Equals(n, pair.Key, StringComparison.OrdinalIgnoreCase)))
                    picked[pair.Key] = pair.Value;
            }
            return picked;
        }

        private static bool IsShouldProcess(string name) => name == "WhatIf" || name == "Confirm";

        private static readonly string[] ForwardedCommon =
            { "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "WhatIf", "Confirm" };
    }
}
