namespace HappyHorse.Preflight
{
    /// <summary>
    /// Reads an image's format and pixel size from its first bytes, by signature, never by name.
    /// Never throws on bad input: garbage, HTML and truncated files come back as a described problem.
    /// </summary>
    internal static class ImageHeaderReader
    {
        private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        /// <param name="data">The file's first bytes.</param>
        /// <param name="count">How many of <paramref name="data"/> are filled.</param>
        /// <param name="complete">True when those are all the file's bytes: a header running past them is cut short, not pending.</param>
        public static ImageHeader Read(byte[] data, int count, bool complete)
        {
            if (count >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return JpegHeaderReader.Read(data, count, complete);
            if (StartsWith(data, count, PngSignature)) return ReadPng(data, count, complete);
            if (count >= 12 && Ascii(data, 0, "RIFF") && Ascii(data, 8, "WEBP")) return ReadWebp(data, count, complete);
            if (!complete && count < 16) return ImageHeader.More(null, 16);
            return ImageHeader.Failed(null, HeaderProblem.Unrecognised, UnknownContent.Describe(data, count));
        }

        private static ImageHeader ReadPng(byte[] data, int count, bool complete)
        {
            if (count < 24) return Short(ImageHeader.Png, 24, complete, "its IHDR chunk");
            if (!Ascii(data, 12, "IHDR") || BigEndian32(data, 8) != 13)
                return ImageHeader.Failed(ImageHeader.Png, HeaderProblem.Damaged, "a damaged PNG: the first chunk is not a 13-byte IHDR");
            uint width = BigEndian32(data, 16), height = BigEndian32(data, 20);
            if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
                return ImageHeader.Failed(ImageHeader.Png, HeaderProblem.Damaged, $"a damaged PNG: its IHDR says {width}x{height} pixels");
            bool interlaced = count > 28 && data[28] == 1;
            return ImageHeader.Sized(ImageHeader.Png, interlaced ? "interlaced" : "non-interlaced", (int)width, (int)height);
        }

        private static ImageHeader ReadWebp(byte[] data, int count, bool complete)
        {
            if (count < 20) return Short(ImageHeader.Webp, 20, complete, "its first chunk");
            string chunk = System.Text.Encoding.ASCII.GetString(data, 12, 4);
            switch (chunk)
            {
                case "VP8 ":
                    if (count < 30) return Short(ImageHeader.Webp, 30, complete, "its VP8 frame header");
                    if ((data[20] & 1) != 0 || data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
                        return ImageHeader.Failed(ImageHeader.Webp, HeaderProblem.Damaged, "a damaged WEBP: the VP8 frame is not a key frame with a start code");
                    return Sized("lossy (VP8)", LittleEndian16(data, 26) & 0x3FFF, LittleEndian16(data, 28) & 0x3FFF);
                case "VP8L":
                    if (count < 25) return Short(ImageHeader.Webp, 25, complete, "its VP8L header");
                    if (data[20] != 0x2F)
                        return ImageHeader.Failed(ImageHeader.Webp, HeaderProblem.Damaged, "a damaged WEBP: the VP8L signature byte is missing");
                    uint bits = (uint)(data[21] | data[22] << 8 | data[23] << 16 | data[24] << 24);
                    return Sized("lossless (VP8L)", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
                case "VP8X":
                    if (count < 30) return Short(ImageHeader.Webp, 30, complete, "its VP8X header");
                    return Sized("extended (VP8X)", LittleEndian24(data, 24) + 1, LittleEndian24(data, 27) + 1);
                default:
                    return ImageHeader.Failed(ImageHeader.Webp, HeaderProblem.Damaged, $"a damaged WEBP: its first chunk is '{Printable(chunk)}', not VP8, VP8L or VP8X");
            }
        }

        private static ImageHeader Sized(string variant, int width, int height) =>
            width > 0 && height > 0
                ? ImageHeader.Sized(ImageHeader.Webp, variant, width, height)
                : ImageHeader.Failed(ImageHeader.Webp, HeaderProblem.Damaged, $"a damaged WEBP: its {variant} header says {width}x{height} pixels");

        /// <summary>The header needs <paramref name="need"/> bytes: ask for them, or call the file cut short when there are no more.</summary>
        internal static ImageHeader Short(string format, int need, bool complete, string what) =>
            complete
                ? ImageHeader.Failed(format, HeaderProblem.Damaged, $"a {format} file cut short before the end of {what}")
                : ImageHeader.More(format, need);

        internal static bool StartsWith(byte[] data, int count, byte[] prefix)
        {
            if (count < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++) if (data[i] != prefix[i]) return false;
            return true;
        }

        internal static bool Ascii(byte[] data, int offset, string text)
        {
            for (int i = 0; i < text.Length; i++) if (data[offset + i] != text[i]) return false;
            return true;
        }

        private static string Printable(string text)
        {
            var chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++) if (chars[i] < 0x20 || chars[i] > 0x7E) chars[i] = '?';
            return new string(chars);
        }

        internal static uint BigEndian32(byte[] d, int i) => (uint)(d[i] << 24 | d[i + 1] << 16 | d[i + 2] << 8 | d[i + 3]);

        internal static int BigEndian16(byte[] d, int i) => d[i] << 8 | d[i + 1];

        private static int LittleEndian16(byte[] d, int i) => d[i] | d[i + 1] << 8;

        private static int LittleEndian24(byte[] d, int i) => d[i] | d[i + 1] << 8 | d[i + 2] << 16;
    }
}
