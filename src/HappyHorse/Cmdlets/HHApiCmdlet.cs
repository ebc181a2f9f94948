using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using HappyHorse.Api;
using HappyHorse.Cmdlets.Binding;

namespace HappyHorse.Cmdlets
{
    /// <summary>A cmdlet that calls the API: -Token and -BaseUri, and one client per base URI.</summary>
    public abstract class HHApiCmdlet : HHCmdlet
    {
        private readonly Dictionary<string, RunComfyClient> _clients = new Dictionary<string, RunComfyClient>(StringComparer.OrdinalIgnoreCase);
        private ApiCredential? _credential;

        /// <summary>RunComfy API token. A SecureString (e.g. from Get-Secret) or plain text.</summary>
        [Parameter]
        [SecureStringInput]
        public SecureString? Token { get; set; }

        /// <summary>
        /// API base, e.g. https://model-api.runcomfy.net/v1 or an emulator's http://127.0.0.1:5199/v1.
        /// Bound by property name so a job piped in is checked on the service that took it.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BaseUri { get; set; }

        /// <summary>The client for this record's base URI; terminates when there is no token.</summary>
        internal RunComfyClient GetClient()
        {
            Uri baseUri;
            try
            {
                baseUri = ConnectionResolver.ResolveBaseUri(BaseUri, out _);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "HappyHorse.InvalidBaseUri", ErrorCategory.InvalidArgument, BaseUri));
                throw;
            }

            if (_clients.TryGetValue(baseUri.AbsoluteUri, out var client)) return client;
            if (_credential == null)
            {
                _credential = ConnectionResolver.ResolveToken(Token, out string source);
                if (_credential == null) ThrowTerminatingError(ConnectionResolver.NoTokenError());
                WriteVerbose($"Using the token from {source} (****) against {baseUri.AbsoluteUri}.");
            }
            client = new RunComfyClient(baseUri, _credential!, ClientOptions.Default, VerboseLog);
            _clients[baseUri.AbsoluteUri] = client;
            return client;
        }
    }
}
