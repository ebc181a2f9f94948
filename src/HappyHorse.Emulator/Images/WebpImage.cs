using System.Buffers.Binary;
using System.Text;

namespace HappyHorse.Emulator.Images;

/// <summary>
/// WebP files in the three layouts a reader meets: lossy (VP8), lossless (VP8L) and extended (VP8X).
/// The lossless bitstream is real and decodable: a solid colour needs only one-symbol prefix codes,
/// which cost zero bits per pixel. The lossy one has a correct frame header and start code but an
/// empty partition: encoding VP8 is out of proportion for a header test.
/// </summary>
internal static class WebpImage
{
    public static byte[] Lossless(int width, int height) => Riff(Chunk("VP8L", LosslessBitstream(width, height)));

    public static byte[] Lossy(int width, int height)
    {
        const int partitionSize = 16;
        var payload = new byte[10 + partitionSize];
        uint frameTag = (1u << 4) | ((uint)partitionSize << 5); // key frame (bit 0 = 0), version 0, shown
        payload[0] = (byte)frameTag;
        payload[1] = (byte)(frameTag >> 8);
        payload[2] = (byte)(frameTag >> 16);
        payload[3] = 0x9D;
        payload[4] = 0x01;
        payload[5] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(6), (ushort)(width & 0x3FFF)); // scale bits 0
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(8), (ushort)(height & 0x3FFF));
        return Riff(Chunk("VP8 ", payload));
    }

    /// <summary>VP8X with the canvas size, then the lossless image.</summary>
    public static byte[] Extended(int width, int height)
    {
        var header = new byte[10];
        WriteUInt24(header.AsSpan(4), width - 1);
        WriteUInt24(header.AsSpan(7), height - 1);
        return Riff(Chunk("VP8X", header).Concat(Chunk("VP8L", LosslessBitstream(width, height))).ToArray());
    }

    private static byte[] LosslessBitstream(int width, int height)
    {
        var bits = new LsbBitWriter();
        bits.Write(0x2F, 8);               // signature
        bits.Write((uint)(width - 1), 14);
        bits.Write((uint)(height - 1), 14);
        bits.Write(0, 1);                  // alpha unused
        bits.Write(0, 3);                  // version 0
        bits.Write(0, 1);                  // no transform
        bits.Write(0, 1);                  // no colour cache
        bits.Write(0, 1);                  // no meta prefix codes
        foreach (uint symbol in new uint[] { 128, 128, 128, 255 }) SimpleCode(bits, symbol); // green, red, blue, alpha
        SimpleCode(bits, 0);               // distance (never used)
        return bits.ToArray();
    }

    /// <summary>A "simple" prefix code with one symbol: zero bits per use.</summary>
    private static void SimpleCode(LsbBitWriter bits, uint symbol)
    {
        bits.Write(1, 1); // simple code
        bits.Write(0, 1); // one symbol
        if (symbol < 2)
        {
            bits.Write(0, 1);
            bits.Write(symbol, 1);
        }
        else
        {
            bits.Write(1, 1);
            bits.Write(symbol, 8);
        }
    }

    private static byte[] Chunk(string fourCc, byte[] payload)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        Encoding.ASCII.GetBytes(fourCc, chunk);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }

    private static byte[] Riff(byte[] chunks)
    {
        var file = new byte[12 + chunks.Length];
        Encoding.ASCII.GetBytes("RIFF", file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        Encoding.ASCII.GetBytes("WEBP", file.AsSpan(8));
        chunks.CopyTo(file, 12);
        return file;
    }

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }
}
