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
        private RowCells? _cells;

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

        protected override void BeginProcessing()
        {
            // Only the command line is bound yet: those values apply to every row.
            _cells = new RowCells(GetType(), MyInvocation.BoundParameters);
        }

        protected override void ProcessRecord()
        {
            _row++;
            object target = (object?)InputObject ?? _row;
            var problems = new List<InputProblem>();
            IReadOnlyList<string>? warnings = null;
            var input = BuildInput(problems.Add);
            if (problems.Count == 0)
            {
                problems.AddRange(InputValidator.Validate(input, out var found));
                warnings = found;
            }
            if (problems.Count > 0)
            {
                var record = ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, target,
                    $"Row {_row} was not submitted: " + string.Join(" ", Messages(problems)),
                    "Fix the named fields in this row; nothing was sent for it.");
                WriteError(record);
                return;
            }
            foreach (var warning in warnings ?? Array.Empty<string>()) WriteWarning($"Row {_row}: {warning}");

            string? givenModel = _cells!.Get(nameof(Model), InputObject)?.ToString();
            string model = string.IsNullOrWhiteSpace(givenModel) ? InputSchema.DefaultModel : givenModel!.Trim();
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
                SeenRequestIds.Remember(receipt.RequestId);
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
                    Credential = client.Credential,
                });
            }
            catch (RunComfyApiException ex)
            {
                WriteError(ErrorRecords.FromApi(ex, "Submit", target));
            }
        }

        /// <summary>This row's input, read from the row's own cells (see <see cref="RowCells"/>).</summary>
        private VideoJobInput BuildInput(Action<InputProblem> problem)
        {
            var row = InputObject;
            var cells = _cells!;
            object? prompt = cells.Get(nameof(Prompt), row);
            var input = new VideoJobInput
            {
                Prompt = prompt?.ToString(),
                AspectRatio = CellParser.Choice("aspect_ratio", cells.Get(nameof(AspectRatio), row), InputSchema.AspectRatios, problem),
                Resolution = CellParser.Choice("resolution", cells.Get(nameof(Resolution), row), InputSchema.Resolutions, problem),
                Duration = CellParser.Integer("duration", cells.Get(nameof(Duration), row), InputSchema.MinDuration, InputSchema.MaxDuration, problem),
                Seed = CellParser.Integer("seed", cells.Get(nameof(Seed), row), InputSchema.MinSeed, InputSchema.MaxSeed, problem),
            };
            // false is the server's default: only an explicit true is sent, so "false" and an empty cell agree.
            if (CellParser.Boolean("watermark", cells.Get(nameof(Watermark), row), problem) == true) input.Watermark = true;

            string[] columns = { nameof(ImageUrl1), nameof(ImageUrl2), nameof(ImageUrl3), nameof(ImageUrl4), nameof(ImageUrl5), nameof(ImageUrl6), nameof(ImageUrl7), nameof(ImageUrl8), nameof(ImageUrl9) };
            for (int i = 0; i < columns.Length; i++)
            {
                object? cell = cells.Get(columns[i], row);
                if (!CellParser.IsEmpty(cell)) input.Images[i + 1] = cell!.ToString()!;
            }
            var list = ImageList(cells.Get(nameof(ImageUrl), row));
            if (list.Count > 0)
            {
                if (input.Images.Count > 0)
                    problem(new InputProblem("image_url_1", null, "-ImageUrl and image_url_N columns were both given; use one or the other."));
                input.Images.Clear();
                for (int i = 0; i < list.Count; i++) input.Images[i + 1] = list[i];
            }
            return input;
        }

        private static List<string> ImageList(object? value)
        {
            var list = new List<string>();
            if (value is System.Collections.IEnumerable many && !(value is string))
            {
                foreach (var item in many)
                {
                    object? v = item is PSObject p ? p.BaseObject : item;
                    if (!CellParser.IsEmpty(v)) list.Add(v!.ToString()!);
                }
            }
            else if (!CellParser.IsEmpty(value)) list.Add(value!.ToString()!);
            return list;
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
