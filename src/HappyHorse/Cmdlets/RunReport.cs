using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using HappyHorse.Report;

namespace HappyHorse.Cmdlets
{
    /// <summary>
    /// Invoke-HHVideo -Report: what its inner pipeline wrote (results, files, and the errors of
    /// failed, cancelled and refused rows, collected with -OutVariable/-ErrorVariable) as a report.
    /// </summary>
    internal static class RunReport
    {
        /// <summary>
        /// The inner pipeline with every stage's output and errors also collected into the list held
        /// by <paramref name="variable"/>: -OutVariable/-ErrorVariable with "+" append to an existing
        /// list, which must live in the caller's scope, where the steppable pipeline sets them up.
        /// </summary>
        public static string Script(string variable) =>
            $"param($New, $Wait, $Save) HappyHorse\\New-HHVideoJob @New -ErrorVariable +{variable} | " +
            $"HappyHorse\\Wait-HHJob @Wait -OutVariable +{variable} -ErrorVariable +{variable} | HappyHorse\\Save-HHVideo @Save -OutVariable +{variable} -ErrorVariable +{variable}";

        /// <summary>A variable only this command's scope sees, holding <paramref name="seen"/>; remove it with <see cref="Forget"/>.</summary>
        public static string Hold(PSCmdlet cmdlet, IList seen)
        {
            string name = "HHReportSeen" + Guid.NewGuid().ToString("N");
            cmdlet.SessionState.PSVariable.Set(new PSVariable(name, seen, ScopedItemOptions.Private));
            return name;
        }

        public static void Forget(PSCmdlet cmdlet, string? variable)
        {
            if (variable != null) cmdlet.SessionState.PSVariable.Remove(variable);
        }

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
