using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using HappyHorse.Download;
using HappyHorse.Input;

namespace HappyHorse.Records
{
    /// <summary>
    /// Names each saved video from -FileName: {RequestId}, {Index}, {Model}, {OutputIndex}, {Date},
    /// any input field ({seed}, {duration}…) and any column of the row the job came from ({name}).
    /// Tokens are case-insensitive and take a .NET format after a colon: {Index:000}, {Date:yyyyMMdd}.
    /// Runs on the pipeline thread: it reads the row's PSObject.
    /// </summary>
    internal sealed class VideoFileNamer
    {
        public const string DefaultWithIndex = "{Index}-{RequestId}";
        public const string DefaultWithoutIndex = "{RequestId}";

        private static readonly string[] Fixed = { "RequestId", "Index", "Model", "OutputIndex", "Date" };

        private readonly FileNameTemplate? _template;
        private readonly FileNameTemplate _withIndex = FileNameTemplate.Parse(DefaultWithIndex);
        private readonly FileNameTemplate _withoutIndex = FileNameTemplate.Parse(DefaultWithoutIndex);

        /// <param name="template">null: "{Index}-{RequestId}" for jobs that came down this pipeline, else "{RequestId}".</param>
        public VideoFileNamer(FileNameTemplate? template) => _template = template;

        /// <summary>The file name (no folder) of output <paramref name="outputIndex"/> of <paramref name="outputCount"/>; false and the unknown tokens otherwise.</summary>
        public bool TryName(HHJobResult result, Uri source, int outputIndex, int outputCount, out string name, out string problem)
        {
            var template = _template ?? (result.Job != null ? _withIndex : _withoutIndex);
            string expanded = template.Expand((string token, string? format, out string value) => TryResolve(result, outputIndex, token, format, out value), out var unknown);
            if (unknown.Count > 0)
            {
                name = "";
                problem = $"-FileName '{template.Text}' uses {string.Join(", ", Braced(unknown))}, which job {result.RequestId} does not have. " +
                          $"Known tokens for it: {string.Join(", ", Braced(KnownTokens(result)))}.";
                return false;
            }
            bool suffix = outputCount > 1 && outputIndex > 1 && !template.Uses("OutputIndex");
            name = VideoFileName.Build(expanded, source, suffix ? outputIndex : (int?)null);
            problem = "";
            return true;
        }

        private static bool TryResolve(HHJobResult result, int outputIndex, string token, string? format, out string value)
        {
            var job = result.Job;
            object? raw;
            switch (token.ToLowerInvariant())
            {
                case "requestid": raw = result.RequestId; break;
                case "index":
                    if (job == null) { value = ""; return false; }
                    raw = job.Index;
                    break;
                case "model": raw = job?.Model ?? ""; break;
                case "outputindex": raw = outputIndex; break;
                case "date":
                    raw = (result.FinishedAt ?? result.CreatedAt ?? DateTimeOffset.Now).ToLocalTime();
                    format ??= "yyyy-MM-dd";
                    break;
                default:
                    if (!TryField(result, token, out raw)) { value = ""; return false; }
                    break;
            }
            value = Format(raw, format);
            return true;
        }

        /// <summary>An input field as sent (a field not given is known but empty), else a column of the row.</summary>
        private static bool TryField(HHJobResult result, string token, out object? raw)
        {
            var input = result.Job?.Input;
            if (input != null && input.Contains(token)) { raw = input[token]; return true; }
            foreach (string field in InputSchema.Fields)
                if (string.Equals(field, token, StringComparison.OrdinalIgnoreCase)) { raw = null; return true; }
            var property = result.Job?.InputObject?.Properties[token];
            raw = property?.Value;
            return property != null;
        }

        private static string Format(object? raw, string? format)
        {
            if (raw is PSObject wrapped) raw = wrapped.BaseObject;
            if (format != null && raw is string text)
            {
                // CSV cells are strings: "{seed:000000}" should still pad a numeric cell.
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long whole)) raw = whole;
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)) raw = real;
            }
            if (format != null && raw is IFormattable formattable)
            {
                try { return formattable.ToString(format, CultureInfo.InvariantCulture); }
                catch (FormatException) { }
            }
            return Convert.ToString(raw, CultureInfo.InvariantCulture) ?? "";
        }

        private static List<string> KnownTokens(HHJobResult result)
        {
            var known = new List<string>();
            foreach (string name in Fixed)
                if (name != "Index" || result.Job != null) known.Add(name);
            known.AddRange(InputSchema.Fields);
            var row = result.Job?.InputObject;
            if (row != null)
                foreach (var property in row.Properties)
                    if (!known.Exists(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase))) known.Add(property.Name);
            return known;
        }

        private static IEnumerable<string> Braced(IEnumerable<string> names)
        {
            foreach (string name in names) yield return "{" + name + "}";
        }
    }
}
