using System.Management.Automation;
using HappyHorse.Cmdlets.Binding;

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

        /// <summary>The job piped in, if it is the one named by <paramref name="requestId"/>.</summary>
        internal HHVideoJob? JobFor(string requestId) => Job != null && Job.RequestId == requestId ? Job : null;

        /// <summary>The client for this record, borrowing the piped job's token when no -Token was given.</summary>
        internal Api.RunComfyClient GetClientForRecord() => GetClient(Job?.Credential);
    }
}
