namespace HappyHorse.Preflight
{
    /// <summary>
    /// Walks a JPEG's marker segments to its frame header (SOF0..SOF15, except DHT C4, JPG C8 and
    /// DAC CC, which share that range). Skips fill bytes (extra 0xFF before a marker) and stray bytes
    /// between segments the way decoders do, and jumps over EXIF/XMP/ICC segments by their length.
    /// </summary>
    internal static class JpegHeaderReader
    {
        public static ImageHeader Read(byte[] data, int count, bool complete)
        {
            int pos = 2;
            while (true)
            {
                while (pos < count && data[pos] != 0xFF) pos++; // stray bytes: decoders skip to the next marker
                while (pos < count && data[pos] == 0xFF) pos++; // fill bytes
                if (pos >= count) return Short(pos + 1, complete, "its next marker");
                byte marker = data[pos++];
                if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) continue; // no length follows
                if (marker == 0xD9 || marker == 0xDA)
                    return ImageHeader.Failed(ImageHeader.Jpeg, HeaderProblem.Damaged, "a damaged JPEG: its image data starts before any frame header (SOF)");
                if (marker == 0x00) continue; // a stuffed zero: only possible after stray bytes

                if (pos + 2 > count) return Short(pos + 2, complete, "a segment length");
                int length = ImageHeaderReader.BigEndian16(data, pos);
                if (length < 2)
                    return ImageHeader.Failed(ImageHeader.Jpeg, HeaderProblem.Damaged, $"a damaged JPEG: segment 0xFF{marker:X2} at byte {pos - 2} has length {length}");
                if (IsFrameHeader(marker)) return FrameHeader(data, count, complete, pos, marker);
                pos += length;
            }
        }

        private static bool IsFrameHeader(byte marker) => marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;

        private static ImageHeader FrameHeader(byte[] data, int count, bool complete, int pos, byte marker)
        {
            // length (2), sample precision (1), lines (2), samples per line (2)
            if (pos + 7 > count) return Short(pos + 7, complete, "its frame header");
            int height = ImageHeaderReader.BigEndian16(data, pos + 3);
            int width = ImageHeaderReader.BigEndian16(data, pos + 5);
            string variant = Describe(marker);
            if (width == 0)
                return ImageHeader.Failed(ImageHeader.Jpeg, HeaderProblem.Damaged, $"a damaged JPEG: its frame header says it is 0 pixels wide");
            if (height == 0)
                return ImageHeader.Failed(ImageHeader.Jpeg, HeaderProblem.SizeUnreadable, $"a {variant} JPEG whose height is set after the image data (DNL), which this check does not read");
            return ImageHeader.Sized(ImageHeader.Jpeg, variant, width, height);
        }

        private static ImageHeader Short(int need, bool complete, string what) =>
            ImageHeaderReader.Short(ImageHeader.Jpeg, need, complete, what);

        private static string Describe(byte marker)
        {
            int n = marker - 0xC0;
            string kind = n switch
            {
                0 => "baseline",
                1 => "extended sequential",
                2 => "progressive",
                3 => "lossless",
                9 => "arithmetic sequential",
                10 => "arithmetic progressive",
                11 => "arithmetic lossless",
                _ => "differential",
            };
            return $"{kind} (SOF{n})";
        }
    }
}
