using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Input;
using HappyHorse.Binding;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands.Base
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

        /// <summary>Whatever was piped in (a job, a CSV row, a string): what it says of the API is checked, never obeyed.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>The job piped in, if it is the one named by <paramref name="requestId"/>.</summary>
        internal HHVideoJob? JobFor(string requestId) => Job != null && Job.RequestId == requestId ? Job : null;

        /// <summary>
        /// The client for this record: the API of a job made in this session, unless -BaseUri says
        /// otherwise; the job's token when no -Token was given. Null, after a per-row error, when the
        /// object piped in names another API.
        /// </summary>
        internal RunComfyClient? GetClientForRecord(ApiCredential? jobCredential = null)
        {
            var destination = DestinationFor(SessionOrigin.Of(InputObject?.BaseObject));
            if (!AgreesWithDestination(InputObject, destination, InputObject ?? (object)string.Join(", ", RequestId), "Request " + string.Join(", ", RequestId)))
                return null;
            return GetClient(destination, jobCredential ?? Job?.Credential);
        }

        /// <summary>
        /// This record's request ids that can be sent. An error record piped in is written on unchanged;
        /// anything else that is not a request id is an error of its own, and nothing is sent for it.
        /// </summary>
        internal IEnumerable<string> RequestIds()
        {
            if (InputObject?.BaseObject is ErrorRecord piped)
            {
                WriteError(piped);
                yield break;
            }
            foreach (string raw in RequestId)
            {
                string? id = RequestIdRule.Check(raw, out string problem);
                if (id == null)
                    WriteError(ErrorRecords.Create("InvalidRequestId", ErrorCategory.InvalidArgument, raw,
                        $"'{ShownValue.Of(raw)}' is not a request id: {problem}; allowed: {RequestIdRule.Allowed}. Nothing was sent for it.",
                        "Pass the request_id of a job, from New-HHVideoJob, Get-HHJournal or the RunComfy dashboard; an error redirected into the pipeline (2>&1) is not one."));
                else
                    yield return id; // the rule admits no empty id, dot segment, slash or control character
            }
        }

        /// <summary>
        /// False, after an error naming it, for an id that cannot go into a URL (e.g. ".."): nothing is sent for it.
        /// For ids that did not come through <see cref="RequestIds"/>, such as a piped result's.
        /// </summary>
        internal bool IsUsableRequestId(string id)
        {
            string? problem = ApiIds.RequestIdProblem(id);
            if (problem == null) return true;
            WriteError(ErrorRecords.Create("InvalidRequestId", ErrorCategory.InvalidArgument, id,
                $"{problem}; nothing was sent for it.", "Give the request id RunComfy returned (a UUID), as New-HHVideoJob or Get-HHJournal show it."));
            return false;
        }
    }
}
