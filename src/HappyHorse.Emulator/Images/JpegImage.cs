using System.Text;

namespace HappyHorse.Emulator.Images;

/// <summary>
/// Real, decodable greyscale JPEGs of a uniform mid-grey. Each Huffman table holds one code (the
/// symbol 0, one bit long): with every coefficient zero a block costs one bit per scan, so even a
/// 8000×8000 image stays small and needs no DCT.
/// </summary>
internal static class JpegImage
{
    public static byte[] Baseline(int width, int height) => Create(width, height, progressive: false, metadataBytes: 0);

    /// <summary>SOF2 with a DC scan and one AC scan.</summary>
    public static byte[] Progressive(int width, int height) => Create(width, height, progressive: true, metadataBytes: 0);

    /// <summary>
    /// Baseline with an EXIF APP1 and an XMP APP1 before the frame header, so SOF0 starts after
    /// <paramref name="metadataBytes"/> bytes of metadata (e.g. beyond a reader's first 64 KiB).
    /// </summary>
    public static byte[] WithMetadata(int width, int height, int metadataBytes) => Create(width, height, progressive: false, metadataBytes);

    private static byte[] Create(int width, int height, bool progressive, int metadataBytes)
    {
        using var file = new MemoryStream();
        file.Write(new byte[] { 0xFF, 0xD8 });
        Segment(file, 0xE0, Encoding.ASCII.GetBytes("JFIF\0").Concat(new byte[] { 1, 1, 0, 0, 1, 0, 1, 0, 0 }).ToArray());
        WriteMetadata(file, metadataBytes);

        file.WriteByte(0xFF); // a fill byte before a marker, which the standard allows
        var quant = new byte[65]; // table 0, 8-bit, every step 1
        Array.Fill(quant, (byte)1, 1, 64);
        Segment(file, 0xDB, quant);

        Segment(file, progressive ? (byte)0xC2 : (byte)0xC0, new byte[]
        {
            8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width,
            1, 1, 0x11, 0, // one component: id 1, 1×1 sampling, quantisation table 0
        });
        // One-code tables: DC class 0 and AC class 1, both id 0; the code "0" means symbol 0.
        Segment(file, 0xC4, HuffmanTable(0x00));
        Segment(file, 0xC4, HuffmanTable(0x10));

        long blocks = (long)((width + 7) / 8) * ((height + 7) / 8);
        if (progressive)
        {
            Scan(file, spectralStart: 0, spectralEnd: 0, blocks);  // DC: category 0 for every block
            Scan(file, spectralStart: 1, spectralEnd: 63, blocks); // AC: end-of-block for every block
        }
        else
        {
            Scan(file, spectralStart: 0, spectralEnd: 63, blocks * 2); // DC category 0, then end-of-block
        }
        file.Write(new byte[] { 0xFF, 0xD9 });
        return file.ToArray();
    }

    private static byte[] HuffmanTable(byte classAndId)
    {
        var table = new byte[1 + 16 + 1];
        table[0] = classAndId;
        table[1] = 1; // one code of length 1
        table[17] = 0; // its symbol
        return table;
    }

    private static void Scan(Stream file, byte spectralStart, byte spectralEnd, long zeroBits)
    {
        Segment(file, 0xDA, new byte[] { 1, 1, 0x00, spectralStart, spectralEnd, 0 });
        long fullBytes = zeroBits / 8;
        int rest = (int)(zeroBits % 8);
        var zeros = new byte[64 * 1024];
        for (long left = fullBytes; left > 0; left -= zeros.Length) file.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
        if (rest > 0) file.WriteByte((byte)(0xFF >> rest)); // pad the last byte with 1 bits
    }

    private static void WriteMetadata(Stream file, int metadataBytes)
    {
        if (metadataBytes <= 0) return;
        // EXIF: "Exif\0\0", a big-endian TIFF header and an empty IFD0, padded like a thumbnail would be.
        byte[] exifHead = Encoding.ASCII.GetBytes("Exif\0\0").Concat(new byte[] { 0x4D, 0x4D, 0, 0x2A, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0 }).ToArray();
        int exifSize = Math.Min(metadataBytes, 65533);
        Segment(file, 0xE1, exifHead.Concat(new byte[Math.Max(0, exifSize - exifHead.Length)]).ToArray());
        // The rest as XMP segments, each at most 65,533 bytes of payload.
        byte[] xmpHead = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");
        for (int left = metadataBytes - exifSize; left > 0; left -= 65533)
        {
            int size = Math.Max(Math.Min(left, 65533), xmpHead.Length);
            byte[] payload = new byte[size];
            xmpHead.CopyTo(payload, 0);
            payload.AsSpan(xmpHead.Length).Fill((byte)' ');
            Segment(file, 0xE1, payload);
        }
    }

    private static void Segment(Stream file, byte marker, byte[] payload)
    {
        int length = payload.Length + 2;
        file.Write(new byte[] { 0xFF, marker, (byte)(length >> 8), (byte)length });
        file.Write(payload);
    }
}
