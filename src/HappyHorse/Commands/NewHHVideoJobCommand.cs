using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.Json;
using HappyHorse.Api;
using HappyHorse.Cmdlets;
using HappyHorse.Cmdlets.Binding;
using HappyHorse.Input;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Submits one HappyHorse reference-to-video job per pipeline row. Binds from CSV columns in the
    /// API's spelling and in PascalCase; a bad row is an error for that row and the others still go.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HHVideoJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HHVideoJob))]
    public sealed class NewHHVideoJobCommand : HHApiCmdlet
    {
        private int _row;

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
        [ChoiceInput("aspect_ratio"), ArgumentCompleter(typeof(ChoiceCompleter))]
        public string? AspectRatio { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ChoiceInput("resolution"), ArgumentCompleter(typeof(ChoiceCompleter))]
        public string? Resolution { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IntegerInput("duration", InputSchema.MinDuration, InputSchema.MaxDuration)]
        public int? Duration { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IntegerInput("seed", InputSchema.MinSeed, InputSchema.MaxSeed)]
        public int? Seed { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanInput("watermark")]
        public SwitchParameter Watermark { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("model_id")]
        [EmptyAsNull]
        public string? Model { get; set; }

        protected override void ProcessRecord()
        {
            _row++;
            object target = (object?)InputObject ?? _row;
            var input = BuildInput(out var conflict);
            if (conflict != null)
            {
                WriteError(ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, target, $"Row {_row}: {conflict}", "Give the images either as -ImageUrl or as image_url_N columns."));
                return;
            }

            var problems = InputValidator.Validate(input, out var warnings);
            if (problems.Count > 0)
            {
                var record = ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, target,
                    $"Row {_row} was not submitted: " + string.Join(" ", Messages(problems)),
                    "Fix the named fields in this row; nothing was sent for it.");
                WriteError(record);
                return;
            }
            foreach (var warning in warnings) WriteWarning($"Row {_row}: {warning}");

            string model = string.IsNullOrWhiteSpace(Model) ? InputSchema.DefaultModel : Model!.Trim();
            byte[] body = RequestBody.ToUtf8(input);
            string description = $"Submit row {_row} to {model} (a paid generation of {input.EffectiveDuration} s) with body:{Environment.NewLine}{RequestBody.ToIndentedText(input)}";
            if (!ShouldProcess(description, $"Submit row {_row} to {model}? This starts a paid generation.", "Submit HappyHorse job"))
                return;

            var client = GetClient();
            WriteVerbose($"Row {_row}: submitting to {client.BaseUri}models/{model}.");
            try
            {
                var receipt = Await(ct => client.SubmitAsync(model, body, ct));
                WriteVerbose($"Row {_row}: accepted as {receipt.RequestId}.");
                WriteObject(new HHVideoJob
                {
                    RequestId = receipt.RequestId,
                    Model = model,
                    SubmittedAt = DateTimeOffset.Now,
                    Index = _row,
                    StatusUrl = receipt.StatusUrl?.AbsoluteUri,
                    ResultUrl = receipt.ResultUrl?.AbsoluteUri,
                    CancelUrl = receipt.CancelUrl?.AbsoluteUri,
                    BaseUri = client.BaseUri.AbsoluteUri.TrimEnd('/'),
                    Input = ToDictionary(body),
                    InputObject = InputObject,
                });
            }
            catch (RunComfyApiException ex)
            {
                WriteError(ErrorRecords.FromApi(ex, "Submit", target));
            }
        }

        private VideoJobInput BuildInput(out string? conflict)
        {
            conflict = null;
            var input = new VideoJobInput
            {
                Prompt = Prompt,
                AspectRatio = AspectRatio,
                Resolution = Resolution,
                Duration = Duration,
                Seed = Seed,
                Watermark = Watermark.IsPresent ? true : (bool?)null,
            };
            string?[] columns = { ImageUrl1, ImageUrl2, ImageUrl3, ImageUrl4, ImageUrl5, ImageUrl6, ImageUrl7, ImageUrl8, ImageUrl9 };
            bool anyColumn = false;
            for (int i = 0; i < columns.Length; i++)
                if (columns[i] != null) { input.Images[i + 1] = columns[i]!; anyColumn = true; }
            if (ImageUrl != null)
            {
                if (anyColumn) conflict = "-ImageUrl and image_url_N columns were both given; use one or the other.";
                input.Images.Clear();
                for (int i = 0; i < ImageUrl.Length; i++) input.Images[i + 1] = ImageUrl[i];
            }
            return input;
        }

        private static IEnumerable<string> Messages(IReadOnlyList<InputProblem> problems)
        {
            foreach (var p in problems) yield return p.Message;
        }

        private static OrderedDictionary ToDictionary(byte[] body)
        {
            var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            using var doc = JsonDocument.Parse(body);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Number => (object)property.Value.GetInt64(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => property.Value.GetString(),
                };
            }
            return result;
        }
    }
}
