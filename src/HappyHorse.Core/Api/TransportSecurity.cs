using System;
using System.Net;
using System.Net.Http;
using System.Reflection;

namespace HappyHorse.Api
{
    /// <summary>
    /// Whether the bearer token may be sent to an API base. Over https it is encrypted end to end (a
    /// proxy only tunnels it). Over plain http anyone on the path reads it, so http is allowed only
    /// when the request never leaves this machine: a loopback API (the emulator) reached directly or
    /// through a loopback proxy.
    /// </summary>
    internal static class TransportSecurity
    {
        /// <summary>Null when the token may go to <paramref name="baseUri"/> through <paramref name="proxy"/>; else why not.</summary>
        public static string? CleartextProblem(Uri baseUri, ProxySettings? proxy)
        {
            if (baseUri.Scheme == Uri.UriSchemeHttps) return null;
            string shown = ProxySettings.Display(baseUri);
            if (baseUri.Scheme != Uri.UriSchemeHttp) return $"The API base {shown} is not an http(s) URL.";
            if (!baseUri.IsLoopback)
                return $"The API base {shown} is plain http to another machine: the token would cross the network unencrypted. Use its https:// address.";
            var via = ProxyFor(baseUri, proxy);
            if (via != null && !via.IsLoopback)
                return $"The API base {shown} is plain http and would be reached through the proxy {ProxySettings.Display(via)}: the token would cross the network unencrypted. " +
                       "Use an https:// API, or reach the local API without that proxy.";
            return null;
        }

        /// <summary>The proxy a request to <paramref name="target"/> goes through, or null when it goes direct.</summary>
        internal static Uri? ProxyFor(Uri target, ProxySettings? proxy)
        {
            if (proxy?.Address != null) return proxy.Address;
            IWebProxy? system = SystemProxy();
            if (system == null) return null;
            try
            {
                if (system.IsBypassed(target)) return null;
                var address = system.GetProxy(target);
                return address == null || address == target ? null : address;
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        // What an HttpClientHandler with UseProxy and no Proxy uses: HttpClient.DefaultProxy on
        // .NET (not in netstandard2.0's surface, hence reflection), WebRequest.DefaultWebProxy on .NET Framework.
        private static IWebProxy? SystemProxy()
        {
            var property = typeof(HttpClient).GetProperty("DefaultProxy", BindingFlags.Public | BindingFlags.Static);
            if (property != null) return property.GetValue(null) as IWebProxy;
            return WebRequest.DefaultWebProxy;
        }
    }
}
