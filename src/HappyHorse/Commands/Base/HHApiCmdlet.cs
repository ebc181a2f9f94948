using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Security;
using HappyHorse.Api;
using HappyHorse.Input;
using HappyHorse.Binding;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands.Base
{
    /// <summary>A cmdlet that calls the API: -Token, -BaseUri, and one client per base URI, on top of the network knobs.</summary>
    public abstract class HHApiCmdlet : NetworkCmdlet
    {
        // The last API found fit for the token (see RefuseCleartext).
        private Uri? _cleartextChecked;
        // Keyed on the credential object itself: identity hashes can collide, and two tokens must never share a client.
        private readonly Dictionary<(string BaseUri, ApiCredential Credential), RunComfyClient> _clients =
            new Dictionary<(string BaseUri, ApiCredential Credential), RunComfyClient>(ClientKeyComparer.Instance);
        private ApiCredential? _credential;
        private string _credentialSource = "";
        private Uri? _configured;

        /// <summary>RunComfy API token. A SecureString (e.g. from Get-Secret) or plain text.</summary>
        [Parameter]
        [SecureStringInput]
        public SecureString? Token { get; set; }

        /// <summary>
        /// API base, e.g. https://model-api.runcomfy.net/v1 or an emulator's http://127.0.0.1:5199/v1.
        /// Never bound from the pipeline: a row (a CSV cell, a job read back from a file) must not
        /// choose where the token goes.
        /// </summary>
        [Parameter]
        public string? BaseUri { get; set; }

        /// <summary>
        /// The API this call sends the token to unless a job of this session says otherwise: -BaseUri,
        /// else Connect-HHService, else RUNCOMFY_MODEL_API_BASE, else RunComfy's. Terminates when it
        /// is not a URL, or when the token would travel to it in clear.
        /// </summary>
        internal Uri ConfiguredBaseUri()
        {
            if (_configured != null) return _configured;
            try
            {
                _configured = ConnectionResolver.ResolveBaseUri(BaseUri, out _);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "HappyHorse.InvalidBaseUri", ErrorCategory.InvalidArgument, BaseUri));
                throw;
            }
            RefuseCleartext(_configured);
            return _configured;
        }

        /// <summary>
        /// Where this record's calls go: -BaseUri when given on the command line, else the API a job of
        /// this session was made on (<paramref name="sessionJobApi"/>), else <see cref="ConfiguredBaseUri"/>.
        /// </summary>
        internal Uri DestinationFor(Uri? sessionJobApi) =>
            sessionJobApi == null || !string.IsNullOrWhiteSpace(BaseUri) ? ConfiguredBaseUri() : sessionJobApi;

        /// <summary>
        /// False, after a per-row error, when the object piped in names (in a BaseUri property) another
        /// API than <paramref name="destination"/>. A row may agree with where the token goes; it never decides it.
        /// </summary>
        internal bool AgreesWithDestination(PSObject? row, Uri destination, object target, string what) =>
            AgreesWithDestination(ConnectionResolver.ClaimedBaseUri(row), destination, target, what);

        /// <summary>The same, for a claim already read from the row (<see cref="ConnectionResolver.Claim"/>).</summary>
        internal bool AgreesWithDestination(string? claimed, Uri destination, object target, string what)
        {
            if (claimed == null || ConnectionResolver.SameApi(claimed, destination)) return true;
            WriteError(ErrorRecords.Create("UntrustedBaseUri", ErrorCategory.SecurityError, target,
                $"{what} was not sent: its BaseUri column or property ('{ShownValue.Of(ShownValue.Url(claimed))}') names another API than the one this command sends the token to ({Shown(destination)}). " +
                "Data piped in never chooses where the token goes: only -BaseUri, Connect-HHService, RUNCOMFY_MODEL_API_BASE, or a job object made in this session do.",
                "If you trust that API, give it yourself with -BaseUri (or Connect-HHService -BaseUri); otherwise remove the BaseUri column."));
            return false;
        }

        /// <summary>
        /// The client for <paramref name="destination"/> (the configured API when null); terminates when
        /// there is no token. A job piped in lends the token it was submitted with, unless -Token says otherwise.
        /// </summary>
        internal RunComfyClient GetClient(Uri? destination = null, ApiCredential? jobCredential = null)
        {
            Uri baseUri = destination ?? ConfiguredBaseUri();
            RefuseCleartext(baseUri);

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

            var options = Options;
            var key = (baseUri.AbsoluteUri, credential);
            if (_clients.TryGetValue(key, out var client)) return client;
            WriteVerbose($"Using the token from {source} (****) against {baseUri.AbsoluteUri} through {(options.Proxy?.ToString() ?? "the system proxy")}, {TimeoutSec} s per request.");
            client = new RunComfyClient(baseUri, credential, options, VerboseLog) { Credential = credential };
            _clients[key] = client;
            return client;
        }

        /// <summary>Terminates before anything is sent when the token would cross the network unencrypted.</summary>
        private void RefuseCleartext(Uri baseUri)
        {
            // Once per call while the API stays the same: every row asked it again, and on http each time read the system proxy through reflection
            // (a profile of a 5,000-row submit had it at 7 % of the module's own pipeline-thread samples).
            if (ReferenceEquals(baseUri, _cleartextChecked)) return;
            string? problem = TransportSecurity.CleartextProblem(baseUri, Options.Proxy);
            if (problem != null) ThrowTerminatingError(ConnectionResolver.InsecureError(problem, baseUri));
            _cleartextChecked = baseUri;
        }

        private static string Shown(Uri api) => ShownValue.Url(api.AbsoluteUri.TrimEnd('/'));

        /// <summary>
        /// The token from -Token, else Connect-HHService, else the environment, resolved once per call;
        /// null (no error) when there is none, for work that can go on without one.
        /// </summary>
        internal ApiCredential? FindCredential() => _credential ??= ConnectionResolver.ResolveToken(Token, out _credentialSource);
    }

    /// <summary>Base URIs compare as URIs do (case-insensitively); credentials by reference, never by hash alone.</summary>
    internal sealed class ClientKeyComparer : IEqualityComparer<(string BaseUri, ApiCredential Credential)>
    {
        public static readonly ClientKeyComparer Instance = new ClientKeyComparer();

        public bool Equals((string BaseUri, ApiCredential Credential) x, (string BaseUri, ApiCredential Credential) y) =>
            ReferenceEquals(x.Credential, y.Credential) && StringComparer.OrdinalIgnoreCase.Equals(x.BaseUri, y.BaseUri);

        public int GetHashCode((string BaseUri, ApiCredential Credential) key) =>
            StringComparer.OrdinalIgnoreCase.GetHashCode(key.BaseUri) * 31 + RuntimeHelpers.GetHashCode(key.Credential);
    }
}
