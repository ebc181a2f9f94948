using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;

namespace HappyHorse.Api
{
    /// <summary>
    /// One HttpClient per proxy setting for the process (a handler's proxy is fixed once it has sent),
    /// so sockets are pooled across cmdlet calls and runspaces. Each kind of traffic (API, downloads,
    /// image probes) keeps its own set, shaped by <c>adjust</c> from the same proxy-aware handler.
    /// </summary>
    internal sealed class ProxiedHttpClients
    {
        private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _byProxy =
            new ConcurrentDictionary<string, Lazy<HttpClient>>(StringComparer.Ordinal);
        private readonly Action<HttpClientHandler> _adjust;

        public ProxiedHttpClients(Action<HttpClientHandler> adjust) => _adjust = adjust;

        /// <summary>The client for these proxy settings; null means the system proxy.</summary>
        public HttpClient For(ProxySettings? proxy) =>
            _byProxy.GetOrAdd(proxy?.Key ?? "", _ => new Lazy<HttpClient>(() => Create(proxy), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

        private HttpClient Create(ProxySettings? proxy)
        {
            TlsSetup.EnsureModernTls();
            var handler = SharedHttpClient.CreateHandler(proxy);
            _adjust(handler);
            var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(SharedHttpClient.UserAgent);
            return client;
        }
    }
}
