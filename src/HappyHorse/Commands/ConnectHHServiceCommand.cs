using System;
using System.Management.Automation;
using System.Security;
using HappyHorse.Binding;
using HappyHorse.Api;
using HappyHorse.Records;
using HappyHorse.Session;
using HappyHorse.Commands.Base;

namespace HappyHorse.Commands
{
    /// <summary>Sets the token and base URI for this session, so later cmdlets need neither.</summary>
    [Cmdlet(VerbsCommunications.Connect, "HHService", HelpUri = HelpLinks.Docs + "Connect-HHService.md")]
    [OutputType(typeof(HHConnection))]
    public sealed class ConnectHHServiceCommand : AsyncCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [SecureStringInput]
        public SecureString? Token { get; set; }

        [Parameter(Position = 1)]
        public string? BaseUri { get; set; }

        /// <summary>The journal New-HHVideoJob, Wait-HHJob and Save-HHVideo use in this session when given no -JournalPath.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndInput()
        {
            string? baseUri = null;
            if (!string.IsNullOrWhiteSpace(BaseUri))
            {
                Uri? parsed = null;
                try { parsed = ConnectionResolver.ParseBaseUri(BaseUri!); }
                catch (ArgumentException ex) { ThrowTerminatingError(new ErrorRecord(ex, "HappyHorse.InvalidBaseUri", ErrorCategory.InvalidArgument, BaseUri)); }
                // Refused now rather than at the first call: the session must never hold a base the token cannot go to.
                string? cleartext = TransportSecurity.CleartextProblem(parsed!, null);
                if (cleartext != null) ThrowTerminatingError(ConnectionResolver.InsecureError(cleartext, parsed!));
                baseUri = parsed!.AbsoluteUri.TrimEnd('/');
            }
            if (Token == null || Token.Length == 0)
                ThrowTerminatingError(ErrorRecords.Create("EmptyToken", ErrorCategory.InvalidArgument, null, "The token is empty.", "Pass the API token from your RunComfy account page."));

            var connection = new SessionConnection { Token = Token!.Copy(), BaseUri = baseUri,
                JournalPath = JournalPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath) };
            connection.Token.MakeReadOnly();
            SessionConnection.Set(connection);
            var resolved = ConnectionResolver.ResolveBaseUri(null, out string source);
            WriteVerbose($"Connected: calls go to {resolved.AbsoluteUri} (from {source}) with the given token (****).");
            if (PassThru) WriteObject(ConnectionReport.Current());
        }
    }
}
