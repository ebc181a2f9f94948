using System;

namespace HappyHorse.Preflight
{
    /// <summary>A URL as messages show it: a user name and password in it are replaced, so logs never carry them.</summary>
    internal static class DisplayUrl
    {
        public static string Of(string url)
        {
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri uri) || string.IsNullOrEmpty(uri.UserInfo)) return url;
            int at = url.IndexOf(uri.UserInfo + "@", StringComparison.Ordinal);
            return at < 0 ? url : url.Substring(0, at) + "***" + url.Substring(at + uri.UserInfo.Length);
        }
    }
}
