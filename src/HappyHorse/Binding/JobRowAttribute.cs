using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using HappyHorse.Records;

namespace HappyHorse.Binding
{
    /// <summary>
    /// Turns a row of jobs saved with Export-Csv (RequestId, Index, Title, Model, SubmittedAt, Input)
    /// back into a job, so `Import-Csv jobs.csv | Wait-HHJob` gives results that still name their
    /// rows and are polled at the pace of their duration. Anything else passes through untouched.
    /// Only descriptive columns are read: where calls go and with which token is never taken from a
    /// row (the job carries no token, and -BaseUri binds as it always does).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class JobRowAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (!(inputData is PSObject row) || !(row.BaseObject is PSCustomObject)) return inputData;
            string? requestId = Cell(row, "RequestId");
            if (requestId == null || !int.TryParse(Cell(row, "Index"), NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return inputData;
            DateTimeOffset? submittedAt = null;
            if (DateTimeOffset.TryParse(Cell(row, "SubmittedAt"), CultureInfo.CurrentCulture, DateTimeStyles.None, out var submitted)
                || DateTimeOffset.TryParse(Cell(row, "SubmittedAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out submitted))
                submittedAt = submitted;
            return VideoJobs.FromExportedRow(requestId, index, Cell(row, "Title"), Cell(row, "Model"), submittedAt, JsonObject(Cell(row, "Input")));
        }

        private static string? Cell(PSObject row, string name)
        {
            var property = row.Properties[name];
            string? text;
            try { text = property?.Value?.ToString()?.Trim(); }
            catch (GetValueException) { return null; }
            return string.IsNullOrEmpty(text) ? null : text;
        }

        /// <summary>The cell when it is a JSON object (the Input column as HHInputFields writes it), else null.</summary>
        private static string? JsonObject(string? text)
        {
            if (text == null || !text.StartsWith("{", StringComparison.Ordinal)) return null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                return doc.RootElement.ValueKind == JsonValueKind.Object ? text : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
