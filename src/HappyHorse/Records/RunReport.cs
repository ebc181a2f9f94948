using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using HappyHorse.Report;

namespace HappyHorse.Records
{
    /// <summary>
    /// Invoke-HHVideo -Report: what its stages wrote (results, files, and the errors of failed,
    /// cancelled and refused rows, seen as they pass between the stages) as a report.
    /// </summary>
    internal static class RunReport
    {
        /// <summary>Writes the report; a failure is an error, never a stop: the videos are saved already.</summary>
        public static void Write(PSCmdlet cmdlet, string path, IList seen, IReadOnlyList<PSObject?> rows)
        {
            string target = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!cmdlet.ShouldProcess(target, "Write the HTML report of this run")) return;
            var inputs = new ReportInputs("name");
            for (int i = 0; i < rows.Count; i++) inputs.NoteRow(i + 1, rows[i]);
            foreach (var item in seen) inputs.Add(item);
            inputs.AddUnaccounted(rows.Count, i => rows[i - 1]);
            try
            {
                var summary = inputs.Write(target, new ReportOptions());
                cmdlet.WriteVerbose($"Report {target}: {summary.Rows} row(s), {summary.Succeeded} succeeded, {summary.Failed} failed, {summary.Cancelled} cancelled, {summary.NotSubmitted} not submitted.");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                cmdlet.WriteError(new ErrorRecord(ex, "HappyHorse.ReportNotWritten", ErrorCategory.WriteError, target)
                {
                    ErrorDetails = new ErrorDetails($"Cannot write the report {target}: {ex.Message}")
                    {
                        RecommendedAction = "The videos were saved. Write the report again with Export-HHReport from the saved files or the journal.",
                    },
                });
            }
        }
    }
}
