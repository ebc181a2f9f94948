using System;
using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Binding;

namespace HappyHorse.Commands.Base
{
    /// <summary>
    /// A cmdlet that makes HTTP calls, to the API or to any other host (image hosts, video URLs):
    /// -Proxy, -ProxyCredential and -TimeoutSec, with one meaning on every cmdlet.
    /// </summary>
    public abstract class NetworkCmdlet : AsyncCmdlet
    {
        private ClientOptions? _options;

        /// <summary>Send HTTP calls through this proxy (e.g. http://proxy.corp.example:8080) instead of the system's.</summary>
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

        /// <summary>This call's HTTP settings (-Proxy, -ProxyCredential, -TimeoutSec); terminates when -Proxy is not usable.</summary>
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
