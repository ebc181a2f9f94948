using System;
using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Cmdlets;
using HappyHorse.Cmdlets.Binding;
using HappyHorse.Input;
using HappyHorse.Preflight;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Submits one HappyHorse reference-to-video job per pipeline row, several at once (-ThrottleLimit).
    /// Jobs come out as they are accepted, each carrying its row's Index. With a journal, a row that
    /// an earlier run already submitted is re-attached instead of paid for again.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HHVideoJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HHVideoJob))]
    public sealed class NewHHVideoJobCommand : JobSubmitCmdlet
    {
        private int _row;
        private RowCells? _cells;
        private ReferenceImagePreflight? _preflight;

        /// <summary>The pipeline object itself (a CSV row), kept on the job so results can be matched to rows.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
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

        /// <summary>Before paying, check each reference image (reachable without login, JPEG/PNG/WEBP by its bytes, at most 10 MB, short side at least 400 px); rows that fail are not submitted.</summary>
        [Parameter]
        public SwitchParameter Preflight { get; set; }

        protected override void BeginProcessing()
        {
            if (Preflight) _preflight = new ReferenceImagePreflight(null, ImageHttpClient.For(Options.Proxy));
            // Only the command line is bound yet: those values apply to every row.
            _cells = new RowCells(GetType(), MyInvocation.BoundParameters);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            _row++;
            int row = _row;
            object target = (object?)InputObject ?? row;
            var problems = new List<InputProblem>();
            var input = VideoRowReader.Read(_cells!, InputObject, problems.Add);
            IReadOnlyList<string> warnings = Array.Empty<string>();
            if (problems.Count == 0) problems.AddRange(InputValidator.Validate(input, out warnings, TalksToLoopback()));
            string? givenModel = _cells!.Get(nameof(Model), InputObject)?.ToString();
            string model = string.IsNullOrWhiteSpace(givenModel) ? InputSchema.DefaultModel : givenModel!.Trim();
            string? badModel = Api.ApiIds.ModelProblem(model);
            if (badModel != null) problems.Add(new InputProblem("model", model, $"Model: {badModel}; a model id looks like {Api.ApiIds.ModelExample}."));
            if (problems.Count > 0)
            {
                WriteError(ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, target,
                    $"Row {row} was not submitted: " + string.Join(" ", problems.ConvertAll(p => p.Message)),
                    "Fix the named fields in this row; nothing was sent for it."));
                return;
            }
            foreach (var warning in warnings) WriteWarning($"Row {row}: {warning}");

            byte[] body = RequestBody.ToUtf8(input);
            var preflight = _preflight;
            var images = input.Images;
            SubmitRow(row, target, InputObject, model, body, RequestBody.ToIndentedText(input), input.EffectiveDuration,
                preflight == null ? null : ct => preflight.CheckAsync(images, ct));
        }

        protected override void ReleaseResources()
        {
            base.ReleaseResources();
            _preflight?.Dispose();
        }

        private bool TalksToLoopback()
        {
            try { return ConnectionResolver.ResolveBaseUri(BaseUri, out _).IsLoopback; }
            catch (ArgumentException) { return false; }
        }
    }
}
