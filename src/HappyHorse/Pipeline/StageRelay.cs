using System.Management.Automation;

namespace HappyHorse.Pipeline
{
    /// <summary>
    /// The last command of each <see cref="StageChain"/> stage: hands whatever the stage wrote, in any
    /// stream (they are merged into its input by *>&amp;1), to the chain. No [Cmdlet] attribute and
    /// internal: the module never exports it; the chain runs it through a CmdletInfo.
    /// </summary>
    internal sealed class StageRelay : Cmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true)]
        public object? Chain { get; set; }

        [Parameter(Mandatory = true)]
        public int Stage { get; set; }

        protected override void ProcessRecord() => ((StageChain)Chain!).Route(Stage, InputObject);
    }
}
