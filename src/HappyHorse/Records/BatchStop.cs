using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using HappyHorse.Submitting;

namespace HappyHorse.Records
{
    /// <summary>The one terminating error of a batch that <see cref="BatchBreaker"/> stopped, listing the rows not submitted.</summary>
    internal static class BatchStop
    {
        /// <param name="nextRow">The first row that was never sent, or null when every row had been handed out.</param>
        public static ErrorRecord Error(BatchBreaker breaker, string baseUri, int? nextRow)
        {
            baseUri = baseUri.TrimEnd('/');
            var cause = breaker.Cause(out var refused, out int accepted)!;
            bool credential = BatchBreaker.IsCredentialFailure(cause.Kind);
            string what = credential
                ? $"RunComfy at {baseUri} refused the token: {cause.Message}"
                : $"RunComfy cannot be reached at {baseUri}, even after retries: {cause.Message}";
            var notSubmitted = new List<string>();
            if (refused.Count > 0) notSubmitted.Add(Rows(refused) + " (refused)");
            if (nextRow is int next) notSubmitted.Add($"row {next.ToString(CultureInfo.InvariantCulture)} and every later row (not sent)");
            string message = JobLabel.Sentence(what) + " The batch stopped. Not submitted: " + string.Join(", ", notSubmitted) + "." +
                             (accepted > 0 ? $" The {accepted} job(s) accepted before are in the output." : "");
            string advice = credential
                ? "Check the token (Get-HHConnection shows which one this session uses and where it came from): pass -Token, run Connect-HHService, or set RUNCOMFY_TOKEN; then run the batch again."
                : "Check the network, the proxy and the API address (Get-HHConnection shows -BaseUri, Connect-HHService or RUNCOMFY_MODEL_API_BASE in use), then run the batch again.";
            var record = new ErrorRecord(new System.InvalidOperationException(message, cause), credential ? "HappyHorse.Unauthorized" : "HappyHorse.ServiceUnreachable",
                credential ? ErrorCategory.AuthenticationError : ErrorCategory.ConnectionError, baseUri);
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice };
            return record;
        }

        /// <summary>"row 4", "rows 1-8", "rows 1, 3, 5-8".</summary>
        internal static string Rows(IReadOnlyList<int> rows)
        {
            if (rows.Count == 0) return "no row";
            var parts = new List<string>();
            for (int i = 0; i < rows.Count; i++)
            {
                int start = rows[i];
                while (i + 1 < rows.Count && rows[i + 1] == rows[i] + 1) i++;
                parts.Add(start == rows[i] ? start.ToString(CultureInfo.InvariantCulture) : $"{start}-{rows[i]}");
            }
            return (rows.Count == 1 ? "row " : "rows ") + string.Join(", ", parts);
        }
    }
}
