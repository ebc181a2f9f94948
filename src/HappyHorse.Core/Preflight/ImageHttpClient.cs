using System.Net;
using System.Net.Http;
using HappyHorse.Api;

namespace HappyHorse.Preflight
{
    /// <summary>
    /// The client for third-party image hosts, apart from the API's: no cookies, no default (Windows)
    /// credentials, no decompression (byte ranges must count the file's own bytes), and no automatic
    /// redirects — the probe follows them itself, so it can count them and never adds a header.
    /// </summary>
    internal static class ImageHttpClient
    {
        // The proxy (and its credentials, if it asks) as for API calls; nothing else of the user's.
        private static readonly ProxiedHttpClients Clients = new ProxiedHttpClients(handler =>
        {
            handler.AllowAutoRedirect = false;
            handler.UseCookies = false;
            handler.UseDefaultCredentials = false;
            handler.PreAuthenticate = false;
            handler.AutomaticDecompression = DecompressionMethods.None;
            handler.MaxConnectionsPerServer = 64;
        });

        public static HttpClient Client => For(null);

        /// <summary>One client per proxy setting: New-HHVideoJob -Preflight -Proxy reaches image hosts through that proxy.</summary>
        public static HttpClient For(ProxySettings? proxy) => Clients.For(proxy);
    }
}
