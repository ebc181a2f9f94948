using System;
using System.Text;

namespace HappyHorse.Preflight
{
    /// <summary>Names what a file is when it is not an accepted image, so the message helps fix it.</summary>
    internal static class UnknownContent
    {
        public static string Describe(byte[] data, int count)
        {
            if (count == 0) return "empty (0 bytes)";
            if (Starts(data, count, "GIF87a") || Starts(data, count, "GIF89a")) return "a GIF image";
            if (Starts(data, count, "BM")) return "a BMP image";
            if (Starts(data, count, "II*\0") || Starts(data, count, "MM\0*")) return "a TIFF image";
            if (Starts(data, count, "%PDF")) return "a PDF document";
            if (count >= 12 && ImageHeaderReader.Ascii(data, 4, "ftyp"))
            {
                string brand = Encoding.ASCII.GetString(data, 8, 4);
                if (brand.StartsWith("avi", StringComparison.Ordinal)) return "an AVIF image";
                if (brand.StartsWith("hei", StringComparison.Ordinal) || brand == "mif1" || brand == "msf1") return "a HEIC/HEIF image";
                return "an MP4/QuickTime file";
            }
            if (Starts(data, count, "RIFF")) return "a RIFF file that is not WEBP";
            string text = Text(data, count);
            if (text.StartsWith("<", StringComparison.Ordinal))
            {
                string lower = text.ToLowerInvariant();
                if (lower.Contains("<svg")) return "an SVG drawing";
                if (lower.StartsWith("<!doctype html", StringComparison.Ordinal) || lower.Contains("<html")) return "an HTML page (an error or sign-in page?)";
                return "an XML or HTML document";
            }
            if (text.StartsWith("{", StringComparison.Ordinal) || text.StartsWith("[", StringComparison.Ordinal)) return "a JSON document";
            return "of an unrecognised format (it starts with bytes " + Hex(data, count) + ")";
        }

        private static bool Starts(byte[] data, int count, string prefix) =>
            count >= prefix.Length && ImageHeaderReader.Ascii(data, 0, prefix);

        /// <summary>The start of the bytes as text, after a UTF-8 byte order mark and white space.</summary>
        private static string Text(byte[] data, int count)
        {
            int start = count >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
            int take = Math.Min(count - start, 512);
            return take <= 0 ? "" : Encoding.UTF8.GetString(data, start, take).TrimStart();
        }

        private static string Hex(byte[] data, int count)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < Math.Min(count, 8); i++) sb.Append(i == 0 ? "" : " ").Append(data[i].ToString("X2"));
            return sb.ToString();
        }
    }
}
