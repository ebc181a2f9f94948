using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using HappyHorse.Download;
using HappyHorse.Input;
using HappyHorse.LocalImages;
using HappyHorse.Preflight;
using HappyHorse.Binding;
using HappyHorse.Commands.Base;
using HappyHorse.Records;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Checks reference image URLs the way the service will judge them, before any money is spent:
    /// reachable without credentials, JPEG/PNG/WEBP by their bytes, at most 10 MB, short side at
    /// least 400 px. Reads only each file's first bytes; checks several at once, each URL once.
    /// Takes URLs, or CSV rows with image_url_1 … image_url_9 columns. Image hosts are reached
    /// through -Proxy like the API; -TimeoutSec bounds each HTTP request, as on every cmdlet.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "HHReferenceImage", HelpUri = HelpLinks.Docs + "Test-HHReferenceImage.md")]
    [OutputType(typeof(HHImageCheck))]
    public sealed class TestHHReferenceImageCommand : NetworkCmdlet
    {
        private readonly Queue<Pending> _pending = new Queue<Pending>();
        private readonly HashSet<string> _started = new HashSet<string>(StringComparer.Ordinal);
        private ReferenceImageChecker? _checker;
        private RowCells? _cells;
        private int _row;
        private int _total;
        private int _done;
        private int _failed;
        private ProgressThrottle? _progress;

        /// <summary>An image host has less to do than the API: it answers within 30 s or is judged unreachable.</summary>
        public TestHHReferenceImageCommand() => TimeoutSec = 30;

        /// <summary>A URL string or a row object (e.g. from Import-Csv) piped in.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Image URLs to check.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("ImageUrl")]
        [EmptyAsNull]
        public string[]? Url { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_1"), EmptyAsNull] public string? ImageUrl1 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_2"), EmptyAsNull] public string? ImageUrl2 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_3"), EmptyAsNull] public string? ImageUrl3 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_4"), EmptyAsNull] public string? ImageUrl4 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_5"), EmptyAsNull] public string? ImageUrl5 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_6"), EmptyAsNull] public string? ImageUrl6 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_7"), EmptyAsNull] public string? ImageUrl7 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_8"), EmptyAsNull] public string? ImageUrl8 { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("image_url_9"), EmptyAsNull] public string? ImageUrl9 { get; set; }

        /// <summary>URLs checked at once (each distinct URL is fetched once per run).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override void Begin()
        {
            _cells = new RowCells(GetType(), MyInvocation.BoundParameters);
            var options = Options;
            _checker = new ReferenceImageChecker(new PreflightOptions { MaxConcurrency = ThrottleLimit, Timeout = options.RequestTimeout }, ImageHttpClient.For(options.Proxy));
            _progress = new ProgressThrottle((done, total) => ShowProgress());
        }

        protected override void ProcessRecord()
        {
            int? row = null;
            var found = new List<KeyValuePair<string, string>>();
            if (InputObject?.BaseObject is string text)
            {
                if (!CellParser.IsEmpty(text)) found.Add(new KeyValuePair<string, string>(nameof(Url), text));
            }
            else
            {
                if (InputObject != null) row = ++_row;
                foreach (string url in Strings(_cells!.Get(nameof(Url), InputObject))) found.Add(new KeyValuePair<string, string>(nameof(Url), url));
                for (int i = 0; i < VideoRowColumns.ImageParameters.Length; i++)
                    foreach (string url in Strings(_cells.Get(VideoRowColumns.ImageParameters[i], InputObject))) found.Add(new KeyValuePair<string, string>(InputSchema.ImageField(i + 1), url));
                if (found.Count == 0 && row.HasValue)
                    WriteError(ErrorRecords.Create("ReferenceImage.NoUrl", ErrorCategory.InvalidArgument, InputObject,
                        $"Row {row} has no image URL to check.", "Give the row image_url_1 … image_url_9 columns (or Url), or pass URLs with -Url."));
            }
            foreach (var pair in found) Start(row, pair.Key, pair.Value.Trim());
            Flush();
            FlushChecks();
        }

        /// <summary>Checks not yet written: the base drains until there are none.</summary>
        protected override bool HasPendingWork => _pending.Count > 0;

        protected override void DrainTick() => _progress!.Report(_done, _total);

        protected override void Complete(bool timedOut) =>
            WriteProgress(new ProgressRecord(2, "Checking reference images", "Done") { RecordType = ProgressRecordType.Completed });

        protected override void ReleaseResources() => _checker?.Dispose();

        private void Start(int? row, string field, string url)
        {
            string where = row.HasValue ? $" ({field} of row {row})" : "";
            string shown = DisplayUrl.Of(url);
            bool local = LocalImageReference.IsLocal(url);
            WriteVerbose(_started.Add(url) ? $"Checking {shown}{where}{(local ? " (a local file: read here, no network)" : "")}." : $"{shown}{where} is already being checked; its result is shared.");
            var pending = new Pending(row, field, url, InputObject, local ? CheckLocal(url) : _checker!.CheckAsync(url, CancelToken));
            _pending.Enqueue(pending);
            _total++;
            // WhenAny never throws: a failed check is reported, in its turn, by FlushChecks.
            StartWork(async _ =>
            {
                await Task.WhenAny(pending.Check).ConfigureAwait(false);
                Post(FlushChecks);
            });
        }

        /// <summary>A local file's check: the path resolves here, on the pipeline thread, against the current location; the file is read off it.</summary>
        private Task<ImageCheck> CheckLocal(string given)
        {
            if (InputValidator.PathProblem(given) is string bad)
                return Task.FromResult(new ImageCheck(given).Fail(ImageRules.Reachable, bad));
            string? fullPath = LocalImageCache.Resolve(given, path => LocalPaths.Resolve(this, path), out string? why);
            if (fullPath == null)
                return Task.FromResult(new ImageCheck(given).Fail(ImageRules.Reachable,
                    $"{why}; allowed: an absolute https:// URL, or the path of a local JPEG, PNG or WEBP file."));
            return _checker!.CheckFileAsync(given, fullPath, CancelToken);
        }

        /// <summary>Writes finished checks in the order they were given, as soon as all before them are done.</summary>
        private void FlushChecks()
        {
            while (_pending.Count > 0 && _pending.Peek().Check.IsCompleted)
            {
                var p = _pending.Dequeue();
                if (p.Check.IsCanceled) continue;
                _done++;
                if (p.Check.IsFaulted)
                {
                    _failed++;
                    var error = p.Check.Exception!.GetBaseException();
                    WriteError(new ErrorRecord(error, "HappyHorse.ReferenceImage.CheckFailed", ErrorCategory.NotSpecified, p.Url)
                    {
                        ErrorDetails = new ErrorDetails($"{p.Url} could not be checked: {error.Message}") { RecommendedAction = "Run again with -Verbose; report the message if it repeats." },
                    });
                    continue;
                }
                Report(p, p.Check.Result);
            }
            if (_pending.Count == 0) _progress!.Final(_done, _total);
            else _progress!.Report(_done, _total);
        }

        private void Report(Pending p, ImageCheck check)
        {
            var rules = new List<string>();
            foreach (var problem in check.Problems) if (!rules.Contains(problem.Rule)) rules.Add(problem.Rule);
            var result = new HHImageCheck
            {
                Url = p.Url,
                Row = p.Row,
                Field = p.Field,
                Passed = check.Passed,
                Format = check.Format,
                Width = check.Width,
                Height = check.Height,
                Bytes = check.Bytes,
                FailedRules = string.Join(", ", rules),
                Problems = check.Problems.ToArray(),
                Variant = check.Variant,
                ContentType = check.ContentType,
                FinalUrl = check.FinalUrl,
                BytesRead = check.BytesRead,
                InputObject = p.InputObject,
                Path = check.Path,
                Sha256 = check.Sha256,
            };
            string size = check.Width.HasValue ? $" {check.Width}x{check.Height}" : "";
            string bytes = check.Bytes.HasValue ? $", {check.Bytes:N0} bytes" : ", size not reported";
            string found = check.Reachable ? $"{check.Format ?? "not JPEG, PNG or WEBP"}{size}{bytes}" : check.Path != null ? "not read" : "not fetched";
            string read = check.Path != null ? "read locally, no network" : $"read {check.BytesRead:N0} bytes";
            WriteVerbose($"{check.Shown}: {found}; {read}; {(check.Passed ? "passed" : "failed " + result.FailedRules)}.");
            WriteObject(result);
            if (check.Passed) return;

            _failed++;
            string where = p.Row.HasValue ? $"Row {p.Row}, {p.Field}: " : "";
            WriteError(ErrorRecords.Create("ReferenceImage." + rules[0], ErrorCategory.InvalidData, result,
                where + check.Describe(), Advice(rules[0], check.Path != null || LocalImageReference.IsLocal(p.Url))));
        }

        private static string Advice(string rule, bool local) => rule switch
        {
            ImageRules.Reachable when local => "Check the path: a relative path starts at the current location (Get-Location), ~ is your home folder; or give an https URL.",
            ImageRules.MaxSize when local => "Compress or downscale the image below 10 MB (10,485,760 bytes).",
            ImageRules.Format when local => "Save the image as JPEG, PNG or WEBP (a new extension alone does not convert it).",
            ImageRules.Anonymous => "Make the image public, or use a share or pre-signed link that opens without signing in.",
            ImageRules.Format => "Save the image as JPEG, PNG or WEBP (a new extension alone does not convert it) and upload it again.",
            ImageRules.MaxSize => "Compress or downscale the image below 10 MB (10,485,760 bytes) and upload it again.",
            ImageRules.MinShortSide => "Use an image at least 400 px on its short side; 720 px or more gives better videos.",
            _ => "Open the URL in a private browser window to see what the service would get; fix or replace it.",
        };

        private void ShowProgress() =>
            WriteProgress(new ProgressRecord(2, "Checking reference images", $"{_done} of {_total} checked, {_failed} failed")
            {
                PercentComplete = _total == 0 ? 0 : Math.Min(100, _done * 100 / _total),
            });

        private static IEnumerable<string> Strings(object? value)
        {
            if (value is IEnumerable many && !(value is string))
            {
                foreach (var item in many)
                {
                    object? v = item is PSObject p ? p.BaseObject : item;
                    if (!CellParser.IsEmpty(v)) yield return v!.ToString()!;
                }
            }
            else if (!CellParser.IsEmpty(value)) yield return value!.ToString()!;
        }

        private sealed class Pending
        {
            public Pending(int? row, string field, string url, PSObject? inputObject, Task<ImageCheck> check)
            {
                Row = row;
                Field = field;
                Url = url;
                InputObject = inputObject;
                Check = check;
            }

            public int? Row { get; }
            public string Field { get; }
            public string Url { get; }
            public PSObject? InputObject { get; }
            public Task<ImageCheck> Check { get; }
        }
    }
}
