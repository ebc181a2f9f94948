using System;
using System.Collections.Generic;
using System.IO;

namespace HappyHorse.Report
{
    /// <summary>
    /// A file as a link relative to the report's folder, so the report and its videos can move
    /// together (a file share, a zip, an e-mail). Each path segment is percent-escaped, so a file
    /// named "a#b?.mp4" or "javascript:x" is a file name and nothing else.
    /// </summary>
    internal static class RelativeLink
    {
        private static readonly char[] Separators = { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };
        private static readonly bool Windows = Path.DirectorySeparatorChar == '\\';

        /// <summary>Null when no relative link exists (another drive on Windows).</summary>
        public static string? From(string folder, string file)
        {
            string[] from = Path.GetFullPath(folder).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            string[] to = Path.GetFullPath(file).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            var comparer = Windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            int common = 0;
            while (common < from.Length && common < to.Length - 1 && comparer.Equals(from[common], to[common])) common++;
            if (Windows && common == 0) return null;
            var parts = new List<string>();
            for (int i = common; i < from.Length; i++) parts.Add("..");
            for (int i = common; i < to.Length; i++) parts.Add(Uri.EscapeDataString(to[i]));
            return string.Join("/", parts);
        }
    }
}
