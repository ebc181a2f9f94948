using System;
using System.IO;

namespace HappyHorse.Report
{
    /// <summary>
    /// What may stand in a src or href: an absolute http(s) URL, or a relative link the report made
    /// itself from a file path. Anything else (javascript:, data:, file: from a CSV) is shown as text only.
    /// </summary>
    internal static class SafeUrl
    {
        /// <summary>The URL in its normalised, percent-escaped form, or null when it is not http(s).</summary>
        public static string? Web(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (!Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var uri)) return null;
            if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
            return uri.AbsoluteUri;
        }

        /// <summary>
        /// A reference image as the report links it: a web URL as it is, an existing local file
        /// (a path or a file: URI) relative to the report, else null.
        /// </summary>
        public static string? Image(string? text, string reportFolder)
        {
            string? web = Web(text);
            if (web != null || string.IsNullOrWhiteSpace(text)) return web;
            string? path = null;
            if (Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var uri) && uri.IsFile) path = uri.LocalPath;
            else if (IsRootedPath(text.Trim())) path = text.Trim();
            return path != null && File.Exists(path) ? RelativeLink.From(reportFolder, path) : null;
        }

        private static bool IsRootedPath(string text)
        {
            try
            {
                return text.IndexOfAny(Path.GetInvalidPathChars()) < 0 && Path.IsPathRooted(text);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
