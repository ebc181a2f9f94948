using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Cmdlets.Binding;
using HappyHorse.Input;

namespace HappyHorse.Cmdlets
{
    /// <summary>A cmdlet that acts on existing jobs: request ids by value or property name, or job objects.</summary>
    public abstract class HHJobCmdlet : HHApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("request_id", "Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RequestIdCompleter))]
        public string[] RequestId { get; set; } = new string[0];

        /// <summary>The job object when one is piped in: its input row travels on to the result.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        [JobRow]
        public HHVideoJob? Job { get; set; }

        /// <summary>
        /// An error record piped in, e.g. by New-HHVideoJob 2>&amp;1 | Wait-HHJob. PowerShell would also bind
        /// its message to -RequestId; this catches it so it passes on as the error it is.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public ErrorRecord? PipedError { get; set; }

        /// <summary>The job piped in, if it is the one named by <paramref name="requestId"/>.</summary>
        internal HHVideoJob? JobFor(string requestId) => Job != null && Job.RequestId == requestId ? Job : null;

        /// <summary>The client for this record, borrowing the piped job's token when no -Token was given.</summary>
        internal Api.RunComfyClient GetClientForRecord() => GetClient(Job?.Credential);

        /// <summary>
        /// This record's request ids that can be sent. An error record piped in is written on unchanged;
        /// anything else that is not a request id is an error of its own, and nothing is sent for it.
        /// </summary>
        internal IEnumerable<string> RequestIds()
        {
            if (PipedError != null)
            {
                WriteError(PipedError);
                yield break;
            }
            foreach (string raw in RequestId)
            {
                string? id = RequestIdRule.Check(raw, out string problem);
                if (id != null)
                    yield return id;
                else
                    WriteError(ErrorRecords.Create("InvalidRequestId", ErrorCategory.InvalidArgument, raw,
                        $"'{ShownValue.Of(raw)}' is not a request id: {problem}; allowed: {RequestIdRule.Allowed}. Nothing was sent for it.",
                        "Pass the request_id of a job, from New-HHVideoJob, Get-HHJournal or the RunComfy dashboard; an error redirected into the pipeline (2>&1) is not one."));
            }
        }
    }
}
