using System;
using System.Text.RegularExpressions;

namespace HappyHorse.LocalImages
{
    /// <summary>
    /// Tells a file on this machine from a URL, by the text alone: a file: URI, an absolute path
    /// (C:\, \\server, /, ~) or anything without a URL scheme ("cat.png", "./a/cat.png") is a file;
    /// "https://…", "data:…", "ftp://…" are URLs for the URL rules. "//host/x" stays a URL missing
    /// its scheme, the commoner mistake.
    /// </summary>
    internal static class LocalImageReference
    {
        // Two or more characters: "C:" is a drive, not a scheme.
        private static readonly Regex Scheme = new Regex(@"^[A-Za-z][A-Za-z0-9+.\-]+:", RegexOptions.CultureInvariant);

        public static bool IsLocal(string text)
        {
            string t = text.Trim();
            if (t.Length == 0) return false;
            if (IsFileUri(t)) return true;
            if (t.StartsWith("//", StringComparison.Ordinal)) return false;
            if (LooksAbsolute(t)) return true;
            return !Scheme.IsMatch(t);
        }

        public static bool IsFileUri(string text) => text.Trim().StartsWith("file:", StringComparison.OrdinalIgnoreCase);

        /// <summary>C:\x, \\server\share, /tmp/x, ~/x: a path that does not depend on the current location (~ aside).</summary>
        public static bool LooksAbsolute(string t) =>
            t.StartsWith("\\\\", StringComparison.Ordinal)
            || (t.Length >= 2 && char.IsLetter(t[0]) && t[1] == ':' && (t.Length == 2 || t[2] == '\\' || t[2] == '/'))
            || t.StartsWith("/", StringComparison.Ordinal) || t.StartsWith("~", StringComparison.Ordinal);

        /// <summary>The file a file: URI names ("file:///C:/a%20b.png" is C:\a b.png), or null with <paramref name="why"/> when it names none.</summary>
        public static string? FileUriPath(string text, out string? why)
        {
            why = null;
            if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.IsFile)
            {
                string path = uri.LocalPath;
                if (path.Length > 0) return path;
            }
            why = "is not a well-formed file: URI (file:///absolute/path)";
            return null;
        }
    }
}
