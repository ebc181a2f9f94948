using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace HappyHorse.Api
{
    /// <summary>
    /// One HttpClient per proxy setting for the process (a handler's proxy is fixed once it has sent),
    /// so sockets are pooled across cmdlet calls and runspaces. Redirects are never followed, so a 3xx
    /// cannot carry the bearer token to another host.
    /// </summary>
    internal static class SharedHttpClient
    {
        private static readonly ConcurrentDictionary<string, Lazy<HttpClient>> ByProxy =
            new ConcurrentDictionary<string, Lazy<HttpClient>>(StringComparer.Ordinal);

        public static HttpClient Client => For(null);

        public static string UserAgent { get; } =
            "HappyHorse-PowerShell/" + (typeof(SharedHttpClient).Assembly.GetName().Version?.ToString(3) ?? "0");

        /// <summary>The client for these proxy settings; null means the system proxy with the logged-on user's credentials.</summary>
        public static HttpClient For(ProxySettings? proxy) =>
            ByProxy.GetOrAdd(proxy?.Key ?? "", _ => new Lazy<HttpClient>(() => Create(proxy), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

        private static HttpClient Create(ProxySettings? proxy)
        {
            TlsSetup.EnsureModernTls();
            var client = new HttpClient(CreateHandler(proxy)) { Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            return client;
        }

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
