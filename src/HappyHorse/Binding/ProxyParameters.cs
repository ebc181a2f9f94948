using System;
using System.Management.Automation;
using System.Security;
using HappyHorse.Api;

namespace HappyHorse.Binding
{
    /// <summary>Turns -Proxy and -ProxyCredential into the HTTP core's proxy settings.</summary>
    internal static class ProxyParameters
    {
        /// <summary>Null when neither is given: the system proxy. Throws ArgumentException for a proxy that is not http(s).</summary>
        public static ProxySettings? Resolve(Uri? proxy, PSCredential? credential)
        {
            if (credential == PSCredential.Empty) credential = null;
            if (proxy == null && credential == null) return null;
            if (proxy != null && !proxy.IsAbsoluteUri)
                throw new ArgumentException($"Proxy {ProxySettings.Display(proxy)} is not an absolute URL; expected e.g. http://proxy.corp.example:8080.");

            string? user = credential?.UserName;
            SecureString? password = credential?.Password;
            if (credential == null && proxy != null && !string.IsNullOrEmpty(proxy.UserInfo))
            {
                // http://user:password@proxy:8080, as curl and HTTPS_PROXY accept it.
                string[] parts = proxy.UserInfo.Split(new[] { ':' }, 2);
                user = Uri.UnescapeDataString(parts[0]);
                password = new SecureString();
                if (parts.Length > 1) foreach (char c in Uri.UnescapeDataString(parts[1])) password.AppendChar(c);
            }
            return new ProxySettings(proxy, user, password);
        }
    }
}
