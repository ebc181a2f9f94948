using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Security;
using HappyHorse.Api;
using HappyHorse.Cmdlets.Binding;

namespace HappyHorse.Cmdlets
{
    /// <summary>A cmdlet that calls the API: -Token, -BaseUri, the network knobs, and one client per base URI.</summary>
    public abstract class HHApiCmdlet : HHCmdlet
    {
        private readonly Dictionary<string, RunComfyClient> _clients = new Dictionary<string, RunComfyClient>(StringComparer.OrdinalIgnoreCase);
        private ApiCredential? _credential;
        private string _credentialSource = "";
        private ClientOptions? _options;

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

        /// <summary>Send API calls through this proxy (e.g. http://proxy.corp.example:8080) instead of the system's.</summary>
        [Parameter]
        public Uri? Proxy { get; set; }

        /// <summary>User name and password for the proxy: -Proxy's, or the system proxy's when -Proxy is not given.</summary>
        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Seconds one HTTP request may take, from sending it to the last byte of the answer.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>
        /// The client for this record's base URI; terminates when there is no token. A job piped in
        /// lends the token it was submitted with, unless -Token says otherwise.
        /// </summary>
        internal RunComfyClient GetClient(ApiCredential? jobCredential = null)
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

            ApiCredential credential;
            string source;
            if ((Token == null || Token.Length == 0) && jobCredential != null)
            {
                credential = jobCredential;
                source = "the job piped in";
            }
            else
            {
                var found = FindCredential();
                if (found == null) ThrowTerminatingError(ConnectionResolver.NoTokenError());
                credential = found!;
                source = _credentialSource;
            }

            var options = _options ??= CreateOptions();
            string key = baseUri.AbsoluteUri + "|" + RuntimeHelpers.GetHashCode(credential);
            if (_clients.TryGetValue(key, out var client)) return client;
            WriteVerbose($"Using the token from {source} (****) against {baseUri.AbsoluteUri} through {(options.Proxy?.ToString() ?? "the system proxy")}, {TimeoutSec} s per request.");
            client = new RunComfyClient(baseUri, credential, options, VerboseLog) { Credential = credential };
            _clients[key] = client;
            return client;
        }

        /// <summary>
        /// The token from -Token, else Connect-HHService, else the environment, resolved once per call;
        /// null (no error) when there is none, for work that can go on without one.
        /// </summary>
        internal ApiCredential? FindCredential() => _credential ??= ConnectionResolver.ResolveToken(Token, out _credentialSource);

        /// <summary>This call's HTTP settings (-Proxy, -ProxyCredential, -TimeoutSec), for engines other than the API client.</summary>
        internal ClientOptions Options => _options ??= CreateOptions();

        private ClientOptions CreateOptions()
        {
            ProxySettings? proxy = null;
            try
            {
                proxy = ProxyParameters.Resolve(Proxy, ProxyCredential);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "HappyHorse.InvalidProxy", ErrorCategory.InvalidArgument, Proxy == null ? null : ProxySettings.Display(Proxy)));
            }
            return new ClientOptions { RequestTimeout = TimeSpan.FromSeconds(TimeoutSec), Proxy = proxy };
        }
    }
}
