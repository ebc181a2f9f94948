using System;

namespace HappyHorse.Download
{
    /// <summary>Assembles the final file name of one output from an expanded template and its URL.</summary>
    internal static class VideoFileName
    {
        public const string DefaultExtension = ".mp4";

        /// <summary>The only extensions a saved file can get: what a player opens, never what a shell runs.</summary>
        public static readonly string[] VideoExtensions = { ".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".gif" };

        /// <param name="expanded">The template with its tokens filled in, not yet sanitised.</param>
        /// <param name="outputSuffix">The output's number when a job has several (2, 3…): "-2" goes before the extension.</param>
        public static string Build(string expanded, Uri source, int? outputSuffix)
        {
            // "{name}.mp4" keeps the extension the user wrote; otherwise the URL's when it is a video
            // extension, else .mp4: the server must not decide that a file is saved as .ps1 or .exe.
            string stem = expanded.Trim();
            string? extension = GivenVideoExtension(stem);
            if (extension != null) stem = stem.Substring(0, stem.Length - extension.Length);
            extension ??= VideoExtensionOf(source) ?? DefaultExtension;

            stem = FileNameSanitizer.Sanitize(stem);
            if (outputSuffix.HasValue) stem += "-" + outputSuffix.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return stem + extension.ToLowerInvariant();
        }

        /// <summary>The extension of the URL's last path segment when it looks like one (letters and digits, at most 5).</summary>
        public static string? ExtensionOf(Uri source)
        {
            string path = source.IsAbsoluteUri ? source.AbsolutePath : source.OriginalString;
            string segment = path.Substring(path.LastIndexOf('/') + 1);
            int dot = segment.LastIndexOf('.');
            if (dot <= 0 || dot == segment.Length - 1 || segment.Length - dot - 1 > 5) return null;
            for (int i = dot + 1; i < segment.Length; i++)
                if (!char.IsLetterOrDigit(segment[i]) || segment[i] > 127) return null;
            return segment.Substring(dot);
        }

        /// <summary>The URL's extension when it is one of <see cref="VideoExtensions"/>, else null.</summary>
        public static string? VideoExtensionOf(Uri source)
        {
            string? extension = ExtensionOf(source);
            return extension != null && Array.Exists(VideoExtensions, e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase)) ? extension : null;
        }

        private static string? GivenVideoExtension(string stem)
        {
            foreach (string extension in VideoExtensions)
                if (stem.Length > extension.Length && stem.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                    return stem.Substring(stem.Length - extension.Length);
            return null;
        }
    }
}
