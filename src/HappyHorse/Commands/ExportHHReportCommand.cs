using System;
using System.IO;
using System.Management.Automation;
using HappyHorse.Report;
using HappyHorse.Records;
using HappyHorse.Session;
using HappyHorse.Commands.Base;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Writes one self-contained HTML page for a batch: a summary, then one card per row with its
    /// prompt, reference images, video (linked relative to the page), format, cost and times.
    /// Reads only what it is given and the files beside the videos: no API call, no token.
    /// </summary>
    [Cmdlet(VerbsData.Export, "HHReport", HelpUri = HelpLinks.Docs + "Export-HHReport.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportHHReportCommand : AsyncCmdlet
    {
        private ReportInputs? _inputs;

        /// <summary>The HTML file to write; its folder is created when missing. Links to videos are relative to it.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Results (Wait-HHJob), saved files (Save-HHVideo, Invoke-HHVideo), journal entries (Get-HHJournal), jobs, or their error records.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>A journal to report on, as well as (or instead of) what is piped in.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>The CSV column (or input field) each card is titled with.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TitleColumn { get; set; } = "name";

        protected override void Begin()
        {
            _inputs = new ReportInputs(TitleColumn);
            if (JournalPath == null) return;
            var state = JournalAccess.ReadForListing(this, JournalPath, nameof(JournalPath), out string path);
            if (state == null) return;
            foreach (var job in state.Jobs) _inputs.Add(JournalViews.ToEntry(job, path));
            WriteVerbose($"Journal {path}: {state.Jobs.Count} row(s).");
        }

        protected override void ProcessRecord()
        {
            if (InputObject == null || _inputs!.Add(InputObject)) return;
            WriteError(ErrorRecords.Create("UnsupportedReportInput", ErrorCategory.InvalidType, InputObject,
                $"Export-HHReport cannot show a {InputObject.BaseObject.GetType().FullName} ('{InputObject}'); it was left out of the report.",
                "Pipe results from Wait-HHJob, files from Save-HHVideo or Invoke-HHVideo, entries from Get-HHJournal, or their error records; or use -JournalPath."));
        }

        protected override void EndInput()
        {
            string target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            ReportSummary summary;
            try
            {
                summary = _inputs!.Write(target, new ReportOptions { Source = JournalPath == null ? null : JournalAccess.ResolvePath(this, JournalPath) });
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "HappyHorse.ReportNotWritten", ErrorCategory.WriteError, target)
                {
                    ErrorDetails = new ErrorDetails($"Cannot write the report {target}: {ex.Message}") { RecommendedAction = "Check the path and your permissions." },
                });
                return;
            }
            foreach (string missing in _inputs.MissingFiles)
                WriteWarning($"The saved video {missing} is not there any more; its card links the service's URL, if any.");
            WriteVerbose($"Report {target}: {summary.Rows} row(s), {summary.Succeeded} succeeded, {summary.Failed} failed, {summary.Cancelled} cancelled, {summary.NotSubmitted} not submitted.");
            WriteObject(new FileInfo(target));
        }
    }
}
