using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HappyHorse.Emulator.Images;

/// <summary>
/// A real, decodable PNG: 8-bit greyscale, every pixel mid-grey. Rows are deflated one at a time,
/// so a 8000×8000 image costs a row of memory plus its (tiny) compressed form.
/// </summary>
internal static class PngImage
{
    private static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    public static byte[] Create(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write(Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // greyscale; compression, filter and interlace stay 0
        WriteChunk(file, "IHDR", ihdr);
        WriteChunk(file, "IDAT", Deflate(width, height));
        WriteChunk(file, "IEND", Array.Empty<byte>());
        return file.ToArray();
    }

    private static byte[] Deflate(int width, int height)
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[width + 1]; // filter type 0, then one byte per pixel
            row.AsSpan(1).Fill(0x80);
            for (int y = 0; y < height; y++) zlib.Write(row);
        }
        return packed.ToArray();
    }

    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);
        byte[] typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        file.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        file.Write(word);
    }
}
