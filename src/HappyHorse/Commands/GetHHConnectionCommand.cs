using System.Management.Automation;
using HappyHorse.Records;
using HappyHorse.Session;
using HappyHorse.Commands.Base;

namespace HappyHorse.Commands
{
    /// <summary>Shows where this session's calls go, which token they carry and the session journal, each with its source; never the token.</summary>
    [Cmdlet(VerbsCommon.Get, "HHConnection", HelpUri = HelpLinks.Docs + "Get-HHConnection.md")]
    [OutputType(typeof(HHConnection))]
    public sealed class GetHHConnectionCommand : AsyncCmdlet
    {
        protected override void EndInput() => WriteObject(ConnectionReport.Current());
    }
}
