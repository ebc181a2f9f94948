using System;
using System.Management.Automation;
using HappyHorse.Records;
using HappyHorse.Session;
using HappyHorse.Commands.Base;

namespace HappyHorse.Commands
{
    /// <summary>Forgets what Connect-HHService set for this session: the token, the base URI and the session journal.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "HHService", HelpUri = HelpLinks.Docs + "Disconnect-HHService.md")]
    [OutputType(typeof(HHConnection))]
    public sealed class DisconnectHHServiceCommand : AsyncCmdlet
    {
        /// <summary>Write what the session uses afterwards (as Get-HHConnection does).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndInput()
        {
            bool was = SessionConnection.Current != null;
            SessionConnection.Clear();
            WriteVerbose(was ? "Forgot the token, base URI and journal Connect-HHService set for this session." : "This session had no Connect-HHService connection.");
            var now = ConnectionReport.Current();
            // Disconnected, yet every cmdlet would still carry a token: say so rather than let it surprise.
            if (now.HasToken)
                WriteWarning($"The cmdlets still find a token in {now.TokenSource}; remove it ($env:{ConnectionResolver.TokenVariable} = $null) to send none.");
            if (PassThru) WriteObject(now);
        }
    }
}
