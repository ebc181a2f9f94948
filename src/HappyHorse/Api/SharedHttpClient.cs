using System;
using System.Net;
using System.Net.Http;
using System.Reflection;

namespace HappyHorse.Api
{
    /// <summary>
    /// One HttpClient for the process: sockets are pooled across cmdlet calls and runspaces.
    /// Redirects are not followed so a 3xx can never carry the bearer token to another host.
    /// </summary>
    internal static class SharedHttpClient
    {
        private static readonly Lazy<HttpClient> Instance = new Lazy<HttpClient>(Create);

        public static HttpClient Client => Instance.Value;

        public static string UserAgent { get; } =
            "HappyHorse-PowerShell/" + (typeof(SharedHttpClient).Assembly.GetName().Version?.ToString(3) ?? "0");

        private static HttpClient Create()
        {
            // Windows PowerShell 5.1 may still default to TLS 1.0; RunComfy requires 1.2+.
            try { ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12; } catch (NotSupportedException) { }

            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseProxy = true,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                MaxConnectionsPerServer = 256,
            };
            var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            return client;
        }
    }
}
