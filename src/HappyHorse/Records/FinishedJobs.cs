using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Waiting;

namespace HappyHorse.Records
{
    /// <summary>What a finished job becomes in the module: a result, or an error for the user.</summary>
    internal readonly struct FinishedJob
    {
        public FinishedJob(HHJobResult? result, ErrorRecord? error)
        {
            Result = result;
            Error = error;
        }

        /// <summary>The job's result, also when it failed or was cancelled (it is then the error's target); null when the job was lost.</summary>
        public HHJobResult? Result { get; }

        /// <summary>Null only when the job succeeded.</summary>
        public ErrorRecord? Error { get; }
    }

    /// <summary>
    /// The one place that turns a finished job into what the user sees, for Wait-HHJob and
    /// Save-HHVideo alike: succeeded is a result; failed is HappyHorse.JobFailed, cancelled
    /// HappyHorse.JobCancelled, both aimed at the result; a job that could not be followed is the
    /// API's error, named after its row.
    /// </summary>
    internal static class FinishedJobs
    {
        /// <summary>Save-HHVideo's words for why there is no file.</summary>
        public const string NothingToSave = "so it has no video to save";

        /// <param name="consequence">What the end of the job means to the caller, put after the verb ("failed, so it has no video to save: ...").</param>
        public static FinishedJob Of(JobOutcome outcome, string? consequence = null)
        {
            var job = outcome.Ticket.Tag as HHVideoJob;
            if (outcome.Kind == JobOutcomeKind.Lost)
                return new FinishedJob(null, ErrorRecords.FromApi(outcome.Error!, "Wait", outcome.Ticket.RequestId, JobLabel.Row(job?.Index, job?.Title)));
            return Of(ResultMapper.ToResult(outcome.Result!, outcome.Ticket.Client.BaseUri, job), consequence);
        }

        /// <summary>A result read or piped in: its error when it failed or was cancelled; none for any other status.</summary>
        public static FinishedJob Of(HHJobResult result, string? consequence = null)
        {
            string then = consequence == null ? "" : ", " + consequence;
            if (result.Status == JobStates.Failed)
                return new FinishedJob(result, ErrorRecords.Create("JobFailed", ErrorCategory.InvalidResult, result,
                    JobLabel.Sentence($"{JobLabel.Subject(result)} failed{then}: {result.Error ?? "the server gave no reason"}"),
                    $"Check the prompt and reference images {JobLabel.OfRow(result.Index, result.Title)}, then submit it again."));
            if (result.Status == JobStates.Cancelled)
                return new FinishedJob(result, ErrorRecords.Create("JobCancelled", ErrorCategory.OperationStopped, result,
                    $"{JobLabel.Subject(result)} was cancelled{then}.", "Submit the row again if you still want the video."));
            return new FinishedJob(result, null);
        }
    }
}
