using System;
using System.Management.Automation;
using System.Security;
using HappyHorse.Binding;

namespace EmptyModule
{
    /// <summary>
    /// The binding floor of `bench submit`: New-HHVideoJob's parameter declarations, attribute for
    /// attribute (the module's own transformation attributes are compiled in from src), and a body
    /// that does nothing. What PowerShell charges to bind a CSV row by property name, and no more.
    /// The bench compares the two commands' parameters and says so when they drift apart.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "BenchVideoJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(string))]
    public sealed class NewBenchVideoJobCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string? Prompt { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [EmptyAsNull]
        public string[]? ImageUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_1"), EmptyAsNull] public string? ImageUrl1 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_2"), EmptyAsNull] public string? ImageUrl2 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_3"), EmptyAsNull] public string? ImageUrl3 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_4"), EmptyAsNull] public string? ImageUrl4 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_5"), EmptyAsNull] public string? ImageUrl5 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_6"), EmptyAsNull] public string? ImageUrl6 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_7"), EmptyAsNull] public string? ImageUrl7 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_8"), EmptyAsNull] public string? ImageUrl8 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_9"), EmptyAsNull] public string? ImageUrl9 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("aspect_ratio")]
        [LenientInput("aspect_ratio"), ArgumentCompleter(typeof(ChoiceCompleter))]
        public string? AspectRatio { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [LenientInput("resolution"), ArgumentCompleter(typeof(ChoiceCompleter))]
        public string? Resolution { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [LenientInput("duration")]
        public int? Duration { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [LenientInput("seed")]
        public int? Seed { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [LenientInput("watermark")]
        public SwitchParameter Watermark { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("model_id")]
        [EmptyAsNull]
        public string? Model { get; set; }

        [Parameter]
        public SwitchParameter Preflight { get; set; }

        // JobSubmitCmdlet's
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        [Parameter]
        public SwitchParameter ResubmitUnknown { get; set; }

        [Parameter]
        public SwitchParameter RetryFailed { get; set; }

        [Parameter]
        [ValidateRange(0.0, 1000000.0)]
        public double? MaxTotalCost { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TitleColumn { get; set; }

        // HHApiCmdlet's
        [Parameter]
        [SecureStringInput]
        public SecureString? Token { get; set; }

        [Parameter]
        public string? BaseUri { get; set; }

        [Parameter]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 100;

        // Nothing: binding is the whole cost being measured.
        protected override void ProcessRecord()
        {
        }
    }
}
