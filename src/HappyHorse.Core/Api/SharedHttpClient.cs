using System;
using System.Net;
using System.Net.Http;

namespace HappyHorse.Api
{
    /// <summary>
    /// The API's clients, one per proxy setting (see <see cref="ProxiedHttpClients"/>), and the handler
    /// every client starts from. Redirects are never followed, so a 3xx cannot carry the bearer token
    /// to another host.
    /// </summary>
    internal static class SharedHttpClient
    {
        // The API client as the shared handler makes it: redirects off, the proxy's credentials only.
        private static readonly ProxiedHttpClients Clients = new ProxiedHttpClients(_ => { });

        public static HttpClient Client => For(null);

        public static string UserAgent { get; } =
            "HappyHorse-PowerShell/" + (typeof(SharedHttpClient).Assembly.GetName().Version?.ToString(3) ?? "0");

        /// <summary>The client for these proxy settings; null means the system proxy with the logged-on user's credentials.</summary>
        public static HttpClient For(ProxySettings? proxy) => Clients.For(proxy);

        internal static HttpClientHandler CreateHandler(ProxySettings? proxy)
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseProxy = true,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                MaxConnectionsPerServer = 256,
            };
            if (proxy?.Address != null)
            {
                handler.Proxy = new WebProxy(proxy.Address) { Credentials = proxy.CreateCredential() };
            }
            else
            {
                // Proxy stays null: the system proxy (Windows settings, or HTTP(S)_PROXY / NO_PROXY).
                // It is sent credentials only when it asks (407): given ones, else the logged-on user's.
                try { handler.DefaultProxyCredentials = proxy?.CreateCredential() ?? CredentialCache.DefaultCredentials; }
                catch (PlatformNotSupportedException) { }
            }
            return handler;
        }
    }
}
