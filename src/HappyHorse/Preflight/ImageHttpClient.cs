using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
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
        private static readonly ConcurrentDictionary<string, Lazy<HttpClient>> ByProxy =
            new ConcurrentDictionary<string, Lazy<HttpClient>>(StringComparer.Ordinal);

        public static HttpClient Client => For(null);

        /// <summary>One client per proxy setting: New-HHVideoJob -Preflight -Proxy reaches image hosts through that proxy.</summary>
        public static HttpClient For(ProxySettings? proxy) =>
            ByProxy.GetOrAdd(proxy?.Key ?? "", _ => new Lazy<HttpClient>(() => Create(proxy), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

        private static HttpClient Create(ProxySettings? proxy)
        {
            TlsSetup.EnsureModernTls();
            // The proxy (and its credentials, if it asks) as for API calls; nothing else of the user's.
            var handler = SharedHttpClient.CreateHandler(proxy);
            handler.AllowAutoRedirect = false;
            handler.UseCookies = false;
            handler.UseDefaultCredentials = false;
            handler.PreAuthenticate = false;
            handler.AutomaticDecompression = DecompressionMethods.None;
            handler.MaxConnectionsPerServer = 64;
            var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(SharedHttpClient.UserAgent);
            return client;
        }
    }
}
