using System;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;

namespace HappyHorse.Api
{
    /// <summary>
    /// An explicit proxy, or credentials for the system proxy when <see cref="Address"/> is null. The
    /// password stays a SecureString: it reaches the wire only in Proxy-Authorization, and never a
    /// message, a key or ToString().
    /// </summary>
    internal sealed class ProxySettings
    {
        private readonly SecureString? _password;

        public ProxySettings(Uri? address, string? userName, SecureString? password)
        {
            if (address != null && address.Scheme != "http" && address.Scheme != "https")
                throw new ArgumentException($"Proxy '{Display(address)}' is not an http:// or https:// proxy URL; expected e.g. http://proxy.corp.example:8080.");
            Address = address == null ? null : new Uri(Strip(address));
            UserName = string.IsNullOrEmpty(userName) ? null : userName;
            if (password != null)
            {
                _password = password.Copy();
                _password.MakeReadOnly();
            }
            Key = (Address?.AbsoluteUri ?? "system") + "|" + UserName + "|" + PasswordDigest(_password);
        }

        /// <summary>The proxy to use, without any user info; null means the system's proxy.</summary>
        public Uri? Address { get; }

        public string? UserName { get; }

        /// <summary>Tells settings apart (one connection pool each) by a digest of the password, never the password.</summary>
        internal string Key { get; }

        internal ICredentials? CreateCredential()
        {
            if (UserName == null) return null;
            int slash = UserName.IndexOf('\\');
            var password = _password ?? new SecureString();
            // DOMAIN\user is how Windows proxies (NTLM, Negotiate) want it split.
            return slash > 0
                ? new NetworkCredential(UserName.Substring(slash + 1), password, UserName.Substring(0, slash))
                : new NetworkCredential(UserName, password);
        }

        public override string ToString() =>
            (Address != null ? "proxy " + Address.GetLeftPart(UriPartial.Authority) : "the system proxy") + (UserName != null ? " as " + UserName : "");

        /// <summary>The URL without user name and password, for use and for display.</summary>
        public static string Strip(Uri address) =>
            string.IsNullOrEmpty(address.UserInfo) ? address.AbsoluteUri : new UriBuilder(address) { UserName = "", Password = "" }.Uri.AbsoluteUri;

        /// <summary>Scheme, host and port only: safe to show whatever the user typed into the URL.</summary>
        public static string Display(Uri address)
        {
            if (!address.IsAbsoluteUri) return "(a relative URL)";
            if (string.IsNullOrEmpty(address.Host)) return address.Scheme + ":";
            return address.Scheme + "://" + (address.HostNameType == UriHostNameType.IPv6 ? "[" + address.DnsSafeHost + "]" : address.Host) + (address.IsDefaultPort ? "" : ":" + address.Port);
        }

        private static string PasswordDigest(SecureString? password)
        {
            if (password == null) return "";
            IntPtr ptr = IntPtr.Zero;
            var bytes = new byte[password.Length * 2];
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(password);
                Marshal.Copy(ptr, bytes, 0, bytes.Length);
                using var sha = SHA256.Create();
                return Convert.ToBase64String(sha.ComputeHash(bytes));
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
