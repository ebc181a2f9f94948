using System.Management.Automation;

namespace EmptyModule
{
    /// <summary>One cmdlet, because a binary module without any is not what a real module looks like to the engine.</summary>
    [Cmdlet(VerbsCommon.Get, "BenchEmpty")]
    [OutputType(typeof(string))]
    public sealed class GetBenchEmptyCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject("empty");
    }
}
