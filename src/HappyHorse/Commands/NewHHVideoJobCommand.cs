using System;
using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Input;
using HappyHorse.LocalImages;
using HappyHorse.Preflight;
using HappyHorse.Binding;
using HappyHorse.Commands.Base;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Submits one HappyHorse reference-to-video job per pipeline row, several at once (-ThrottleLimit).
    /// Jobs come out as they are accepted, each carrying its row's Index. With a journal, a row that
    /// an earlier run already submitted is re-attached instead of paid for again.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HHVideoJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Docs + "New-HHVideoJob.md")]
    [OutputType(typeof(HHVideoJob))]
    public sealed class NewHHVideoJobCommand : JobSubmitCmdlet
    {
        private int _row;
        private RowCells? _cells;
        private ReferenceImagePreflight? _preflight;
        private bool? _talksToLoopback;
        private readonly LocalImageCache _localImages = new LocalImageCache();

        /// <summary>The pipeline object itself (a CSV row), kept on the job so results can be matched to rows.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>
        /// Required, but checked per row rather than by the binder: a row without a prompt column
        /// (or a CSV read with the wrong delimiter) then gets an error naming the row and the fix,
        /// not PowerShell's "cannot be bound".
        /// </summary>
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

        /// <summary>Before paying, check each reference image (reachable without login, JPEG/PNG/WEBP by its bytes, at most 10 MB, short side at least 400 px); rows that fail are not submitted.</summary>
        [Parameter]
        public SwitchParameter Preflight { get; set; }

        protected override void Begin()
        {
            if (Preflight) _preflight = new ReferenceImagePreflight(null, ImageHttpClient.For(Options.Proxy));
            // Only the command line is bound yet: those values apply to every row.
            _cells = new RowCells(GetType(), MyInvocation.BoundParameters);
            base.Begin();
        }

        private protected override string? ClaimedBaseUri(PSObject? row) =>
            row == null || row.BaseObject is string || _cells == null ? base.ClaimedBaseUri(row) : ConnectionResolver.Claim(_cells.Cell(row, "BaseUri"));

        protected override void ProcessRecord()
        {
            _row++;
            int row = _row;
            object target = (object?)InputObject ?? row;
            var problems = new List<InputProblem>();
            // One walk of the row's members serves the shape check and every cell read below.
            var properties = _cells!.View(InputObject);
            string? shape = _cells.FromCommandLine(nameof(Prompt)) ? null : RowShape.MissingPrompt(InputObject, properties);
            if (shape != null)
            {
                WriteError(ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, target,
                    $"{JobLabel.Row(row, TitleOf(InputObject))} was not submitted: {shape}", "Fix the CSV or the command line; nothing was sent for this row."));
                return;
            }
            var input = VideoRowReader.Read(_cells, InputObject, properties, problems.Add);
            IReadOnlyList<string> warnings = Array.Empty<string>();
            if (problems.Count == 0) problems.AddRange(InputValidator.Validate(input, out warnings, TalksToLoopback()));
            string? givenModel = _cells!.Get(nameof(Model), InputObject)?.ToString();
            string model = string.IsNullOrWhiteSpace(givenModel) ? InputSchema.DefaultModel : givenModel!.Trim();
            string? badModel = Api.ApiIds.ModelProblem(model);
            if (badModel != null) problems.Add(new InputProblem("model", model, $"Model: {badModel}; a model id looks like {Api.ApiIds.ModelExample}."));
            if (problems.Count == 0) LoadLocalImages(input, problems);
            JobBody? body = problems.Count == 0 ? RequestBody.ToJobBody(input) : null;
            if (body?.LimitProblem() is InputProblem tooBig) problems.Add(tooBig);
            if (problems.Count > 0 || body == null)
            {
                WriteError(ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, target,
                    $"{JobLabel.Row(row, TitleOf(InputObject))} was not submitted: " + string.Join(" ", problems.ConvertAll(p => p.Message)),
                    "Fix the named fields in this row; nothing was sent for it."));
                return;
            }
            foreach (var warning in warnings) WriteWarning($"{JobLabel.Row(row, TitleOf(InputObject))}: {warning}");

            foreach (var image in body.Images)
                WriteVerbose($"Row {row}: {image.Field} is the local file {image.Facts}, {image.Width}x{image.Height} px; sent inline as {image.DataPrefix}… ({ReferenceImageProbe.Size(image.EncodedLength)}).");
            var preflight = _preflight;
            // Local files were checked above, with no network; -Preflight fetches only the URLs.
            var urls = new SortedDictionary<int, string>();
            foreach (var pair in input.Images) if (!input.LocalImages.ContainsKey(pair.Key)) urls[pair.Key] = pair.Value;
            SubmitRow(row, target, InputObject, model, body, input.EffectiveDuration,
                preflight == null || urls.Count == 0 ? null : ct => preflight.CheckAsync(urls, ct));
        }

        /// <summary>Checks each local image of the row, one file at a time, on the pipeline thread (paths resolve against the current location).</summary>
        private void LoadLocalImages(VideoJobInput input, List<InputProblem> problems)
        {
            foreach (var pair in input.Images)
            {
                if (!LocalImageReference.IsLocal(pair.Value)) continue;
                string field = InputSchema.ImageField(pair.Key);
                var image = _localImages.Load(field, pair.Value, path => LocalPaths.Resolve(this, path), problems);
                if (image != null) input.LocalImages[pair.Key] = image;
            }
        }

        protected override void ReleaseResources()
        {
            base.ReleaseResources();
            _preflight?.Dispose();
        }

        // The API is decided once per call (command line, session, environment), not per row.
        private bool TalksToLoopback() => _talksToLoopback ??= ResolveLoopback();

        private bool ResolveLoopback()
        {
            try { return ConnectionResolver.ResolveBaseUri(BaseUri, out _).IsLoopback; }
            catch (ArgumentException) { return false; }
        }
    }
}
