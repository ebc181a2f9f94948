using System;
using System.Net;
using System.Net.Http;

namespace HappyHorse.Download
{
    /// <summary>
    /// The client for output files, separate from the API's: it never carries an Authorization header,
    /// so following a CDN's redirects (signed storage URLs) cannot hand the token to another host.
    /// No automatic decompression: Range offsets and Content-Length must count the bytes on disk.
    /// </summary>
    internal static class DownloadHttpClient
    {
        private static readonly Lazy<HttpClient> Instance = new Lazy<HttpClient>(Create);

        public static HttpClient Client => Instance.Value;

        private static HttpClient Create()
        {
            try { ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12; } catch (NotSupportedException) { }

            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 10,
                UseProxy = true,
                AutomaticDecompression = DecompressionMethods.None,
                MaxConnectionsPerServer = 64,
            };
            var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(Api.SharedHttpClient.UserAgent);
            return client;
        }
    }
}
