using System.Net;
using System.Net.Http;
using HappyHorse.Api;

namespace HappyHorse.Download
{
    /// <summary>
    /// The client for output files, separate from the API's: it never carries an Authorization header,
    /// so following a CDN's redirects (signed storage URLs) cannot hand the token to another host.
    /// No automatic decompression: Range offsets and Content-Length must count the bytes on disk.
    /// </summary>
    internal static class DownloadHttpClient
    {
        private static readonly ProxiedHttpClients Clients = new ProxiedHttpClients(handler =>
        {
            handler.AllowAutoRedirect = true;
            handler.MaxAutomaticRedirections = 10;
            handler.AutomaticDecompression = DecompressionMethods.None;
            handler.MaxConnectionsPerServer = 64;
        });

        public static HttpClient Client => For(null);

        /// <summary>One client per proxy setting, like the API's: the same -Proxy reaches the output host.</summary>
        public static HttpClient For(ProxySettings? proxy) => Clients.For(proxy);
    }
}
