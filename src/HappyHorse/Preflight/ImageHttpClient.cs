using System;
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
        private static readonly Lazy<HttpClient> Instance = new Lazy<HttpClient>(Create);

        public static HttpClient Client => Instance.Value;

        private static HttpClient Create()
        {
            try { ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12; } catch (NotSupportedException) { }
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseDefaultCredentials = false,
                PreAuthenticate = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseProxy = true,
                MaxConnectionsPerServer = 64,
            };
            var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(SharedHttpClient.UserAgent);
            return client;
        }
    }
}
