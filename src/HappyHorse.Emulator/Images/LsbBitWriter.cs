namespace HappyHorse.Emulator.Images;

/// <summary>Packs bits least-significant first, as WebP lossless and GIF LZW streams do.</summary>
internal sealed class LsbBitWriter
{
    private readonly List<byte> _bytes = new();
    private ulong _pending;
    private int _count;

    public void Write(uint value, int bits)
    {
        _pending |= (ulong)(value & ((1u << bits) - 1)) << _count;
        _count += bits;
        while (_count >= 8)
        {
            _bytes.Add((byte)_pending);
            _pending >>= 8;
            _count -= 8;
        }
    }

    /// <summary>The bytes written, the last one padded with zero bits.</summary>
    public byte[] ToArray()
    {
        var result = new List<byte>(_bytes);
        if (_count > 0) result.Add((byte)_pending);
        return result.ToArray();
    }
}
