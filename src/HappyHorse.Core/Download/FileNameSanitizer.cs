using System;
using System.Globalization;
using System.Text;

namespace HappyHorse.Download
{
    /// <summary>
    /// Turns any text into a file name that is valid on Windows, Linux and macOS alike, so a batch
    /// saved on one system can be copied to another.
    /// </summary>
    internal static class FileNameSanitizer
    {
        /// <summary>
        /// Room for the longest suffix added later ("-99", ".webm", ".part.json", then a temporary
        /// ".&lt;12 hex digits&gt;.tmp") within the 255-byte limit of ext4 and the 255-character limit of NTFS.
        /// </summary>
        public const int MaxStemBytes = 200;

        public const string Fallback = "video";

        private const string Forbidden = "<>:\"/\\|?*";

        private static readonly string[] Reserved =
        {
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00B9", "COM\u00B2", "COM\u00B3",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
        };

        /// <summary>
        /// Characters Windows forbids and control characters become '_'; bidi controls, zero-width and
        /// other invisible format characters (Unicode category Cf) are removed; surrounding spaces and trailing
        /// dots go (Windows drops them silently); device names such as CON or LPT1 get a leading '_';
        /// the result is cut to <paramref name="maxBytes"/> UTF-8 bytes without splitting a character.
        /// Empty input gives "video".
        /// </summary>
        public static string Sanitize(string? text, int maxBytes = MaxStemBytes)
        {
            string source = (text ?? "").Trim();
            var name = new StringBuilder(source.Length);
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                int width = char.IsSurrogatePair(source, i) ? 2 : 1;
                // Invisible format characters go: a RIGHT-TO-LEFT OVERRIDE makes "x\u202Eexe.mp4"
                // read as "x4pm.exe", and zero-width ones make two names that look the same.
                if (CharUnicodeInfo.GetUnicodeCategory(source, i) != UnicodeCategory.Format)
                {
                    if (width == 2) name.Append(source, i, 2);
                    else name.Append(char.IsControl(c) || Forbidden.IndexOf(c) >= 0 ? '_' : c);
                }
                i += width - 1;
            }
            string result = Truncate(name.ToString(), maxBytes).Trim().TrimEnd('.', ' ');
            if (result.Length == 0 || result.Trim('.').Length == 0) return Fallback;
            return IsReserved(result) ? "_" + result : result;
        }

        /// <summary>True for names Windows maps to a device, with or without an extension ("nul.mp4").</summary>
        public static bool IsReserved(string name)
        {
            int dot = name.IndexOf('.');
            string stem = (dot >= 0 ? name.Substring(0, dot) : name).TrimEnd(' ');
            foreach (string reserved in Reserved)
                if (string.Equals(stem, reserved, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        private static string Truncate(string text, int maxBytes)
        {
            if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
            int bytes = 0, end = 0;
            while (end < text.Length)
            {
                int width = char.IsSurrogatePair(text, end) ? 2 : 1;
                int size = Encoding.UTF8.GetByteCount(text.ToCharArray(end, width));
                if (bytes + size > maxBytes) break;
                bytes += size;
                end += width;
            }
            return text.Substring(0, end);
        }
    }
}
