using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using HappyHorse.Input;
using HappyHorse.Report;
using HappyHorse.Session;

namespace HappyHorse.Records
{
    /// <summary>
    /// Turns what a pipeline carries (results, saved files, journal entries, the errors of failed,
    /// cancelled and refused rows) into report rows, one per job, for Export-HHReport and Invoke-HHVideo -Report.
    /// </summary>
    internal sealed class ReportInputs
    {
        private readonly ReportBook _book = new ReportBook();
        private readonly string _titleColumn;
        private readonly Dictionary<object, int> _indexOfRow = new Dictionary<object, int>(ReferenceComparer.Instance);

        public ReportInputs(string titleColumn) => _titleColumn = titleColumn;

        public int Count => _book.Count;

        /// <summary>Files the report would link but that are not there (moved or deleted since they were saved).</summary>
        public List<string> MissingFiles { get; } = new List<string>();

        /// <summary>False when <paramref name="input"/> is nothing a report can show.</summary>
        public bool Add(object? input)
        {
            object? value = input is PSObject pso ? pso.BaseObject : input;
            switch (value)
            {
                case HHJobResult result: _book.Add(FromResult(result)); return true;
                case HHJournalEntry entry: _book.Add(FromJournal(entry)); return true;
                case HHVideoJob job: _book.Add(FromJob(job)); return true;
                case FileInfo file: _book.Add(FromFile(file, input as PSObject)); return true;
                case ErrorRecord error: return AddError(error);
                default: return false;
            }
        }

        /// <summary>Invoke-HHVideo names its input rows, so a row refused before it became a job still gets its number.</summary>
        public void NoteRow(int index, PSObject? row)
        {
            if (row != null) _indexOfRow[row] = index;
        }

        /// <summary>Rows 1..<paramref name="rows"/> that nothing else accounts for: they never became a job.</summary>
        public void AddUnaccounted(int rows, Func<int, PSObject?> rowAt)
        {
            for (int i = 1; i <= rows; i++)
            {
                if (_book.HasIndex(i)) continue;
                var row = new ReportRow { Index = i, Status = ReportStatus.NotSubmitted };
                FromCells(row, rowAt(i));
                _book.Add(row);
            }
        }

        public ReportSummary Write(string path, ReportOptions options) => ReportWriter.Write(path, _book.Ordered(), options);

        private bool AddError(ErrorRecord error)
        {
            string message = error.ErrorDetails?.Message ?? error.Exception?.Message ?? error.ToString();
            switch (error.TargetObject is PSObject p ? p.BaseObject is PSCustomObject ? p : p.BaseObject : error.TargetObject)
            {
                case HHJobResult result:
                    var fromResult = FromResult(result);
                    fromResult.Message ??= message;
                    _book.Add(fromResult);
                    return true;
                case HHVideoJob job:
                    var fromJob = FromJob(job);
                    fromJob.Message = message;
                    _book.Add(fromJob);
                    return true;
                case string requestId when _book.FindRequest(requestId) is ReportRow known:
                    known.Message ??= message;
                    return true;
                case object row when error.FullyQualifiedErrorId.StartsWith("HappyHorse.", StringComparison.Ordinal) && (row is PSObject || row is IDictionary):
                    // A row that never became a job: refused by validation, preflight, the budget or the service.
                    bool unknown = error.FullyQualifiedErrorId.IndexOf("OutcomeUnknown", StringComparison.Ordinal) >= 0;
                    var refused = new ReportRow { Status = unknown ? "unknown" : ReportStatus.NotSubmitted, Message = message };
                    if (_indexOfRow.TryGetValue(error.TargetObject!, out int index)) refused.Index = index;
                    FromCells(refused, error.TargetObject);
                    _book.Add(refused);
                    return true;
                default:
                    return false;
            }
        }

        private ReportRow FromResult(HHJobResult result)
        {
            var row = FromJob(result.Job);
            row.RequestId = result.RequestId;
            row.Status = result.Status;
            row.CreatedAt = result.CreatedAt;
            row.FinishedAt = result.FinishedAt;
            row.Message = result.Error;
            row.Cost = result.Cost;
            if (!string.IsNullOrEmpty(result.BaseUri)) row.BaseUri = result.BaseUri;
            foreach (string url in result.VideoUrls.Length > 0 ? result.VideoUrls : result.VideoUrl != null ? new[] { result.VideoUrl } : Array.Empty<string>())
                row.VideoUrls.Add(url);
            return Estimated(row);
        }

        private ReportRow FromJob(HHVideoJob? job)
        {
            var row = new ReportRow();
            if (job == null) return row;
            row.RequestId = job.RequestId.Length > 0 ? job.RequestId : null;
            row.Status = "in_queue";
            row.Index = job.Index > 0 ? job.Index : (int?)null;
            row.Model = job.Model;
            row.BaseUri = job.BaseUri;
            row.SubmittedAt = job.SubmittedAt;
            // The body sent outranks the CSV's cells for what was asked; the cells give the title.
            InputFacts.Apply(row, job.Input);
            FromCells(row, job.InputObject);
            row.Title ??= InputFacts.Find(job.Input, _titleColumn);
            return Estimated(row);
        }

        private ReportRow FromJournal(HHJournalEntry entry)
        {
            var row = new ReportRow
            {
                Index = entry.Index,
                RequestId = entry.RequestId,
                RowKey = entry.RowKey.Length > 0 ? entry.RowKey : null,
                Status = entry.SubmitState == "submitted" ? entry.Status ?? "in_queue" : entry.SubmitState,
                Model = entry.Model,
                BaseUri = entry.BaseUri,
                SubmittedAt = entry.SubmittedAt,
                Message = entry.Message,
                Cost = entry.Cost,
            };
            InputFacts.Apply(row, entry.Input);
            FromCells(row, entry.Row);
            row.Title ??= InputFacts.Find(entry.Input, _titleColumn);
            if (entry.VideoUrl != null) row.VideoUrls.Add(entry.VideoUrl);
            int attempt = 0;
            foreach (var earlier in entry.EarlierAttempts)
            {
                attempt++;
                string state = earlier.SubmitState == "submitted" ? earlier.Status ?? "submitted" : earlier.SubmitState;
                row.EarlierAttempts.Add($"Attempt {attempt} of {entry.Attempts}: {earlier.RequestId ?? "no request id"}, {state}" +
                    (string.IsNullOrEmpty(earlier.Message) ? "" : ": " + earlier.Message));
            }
            foreach (string file in entry.Files)
            {
                if (File.Exists(file)) row.MergeFrom(SidecarFacts.ForVideo(file, _titleColumn));
                else MissingFiles.Add(file);
            }
            // The journal keeps no finish time of its own; the last record of a finished job comes close.
            if (entry.IsFinished && row.FinishedAt == null) row.FinishedAt = entry.UpdatedAt;
            return Estimated(row);
        }

        private ReportRow FromFile(FileInfo file, PSObject? wrapper)
        {
            var row = SidecarFacts.ForVideo(file.FullName, _titleColumn);
            if (!File.Exists(file.FullName))
            {
                MissingFiles.Add(file.FullName);
                row.Files.Clear();
            }
            row.RequestId ??= wrapper?.Properties["RequestId"]?.Value as string;
            // A sidecar keeps the request body, not the CSV row: the title column may be a field (e.g. prompt), else the card shows the file name.
            row.Status ??= ReportStatus.Succeeded;
            return Estimated(row);
        }

        private void FromCells(ReportRow row, object? cells)
        {
            if (cells == null) return;
            row.Title ??= Cell(cells, _titleColumn);
            row.Prompt ??= Cell(cells, "prompt");
            if (row.Images.Count > 0) return;
            var images = new ImageCells();
            if (cells is IDictionary map) { foreach (DictionaryEntry e in map) images.AddImage(e.Key?.ToString(), e.Value); }
            else if (cells is PSObject pso) { foreach (var p in pso.Properties) images.AddImage(p.Name, SafeValue(p)); }
            InputFacts.Apply(row, images.Fields);
        }

        private static string? Cell(object cells, string column)
        {
            object? value = null;
            if (cells is IDictionary map)
            {
                foreach (DictionaryEntry e in map)
                    if (string.Equals(e.Key?.ToString(), column, StringComparison.OrdinalIgnoreCase)) value = e.Value;
            }
            else if (cells is PSObject pso && pso.Properties[column] is PSPropertyInfo property) value = SafeValue(property);
            string? text = value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        private static object? SafeValue(PSPropertyInfo property)
        {
            try { return property.Value; }
            catch (GetValueException) { return null; }
        }

        /// <summary>The catalog price this session already read, times the row's duration: never a request of its own.</summary>
        private static ReportRow Estimated(ReportRow row)
        {
            if (row.RequestId == null || row.Model == null || string.IsNullOrEmpty(row.BaseUri)) return row;
            var price = CatalogBook.Known(row.BaseUri!, row.Model)?.Price;
            long seconds = row.Duration ?? InputSchema.DefaultDuration;
            if (price != null && seconds > 0 && seconds <= int.MaxValue) row.EstimatedCost = price.Estimate((int)seconds);
            return row;
        }

        /// <summary>The image columns of a CSV row (image_url_1.., ImageUrl), as InputFacts reads fields.</summary>
        private sealed class ImageCells
        {
            public System.Collections.Specialized.OrderedDictionary Fields { get; } = new System.Collections.Specialized.OrderedDictionary(StringComparer.OrdinalIgnoreCase);

            public void AddImage(string? name, object? value)
            {
                if (name == null || !name.StartsWith("image", StringComparison.OrdinalIgnoreCase)) return;
                object? plain = value is PSObject p ? p.BaseObject : value;
                Fields[name] = plain is string || plain is IEnumerable ? plain : plain?.ToString();
            }
        }

        private sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();
            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);
            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
