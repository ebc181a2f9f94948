using System.Text;

namespace HappyHorse.Emulator.Images;

/// <summary>
/// A real GIF89a of one colour: the "wrong type" a reference image must not be. The LZW stream
/// sends a clear code before every two pixels, so the code width never grows past three bits.
/// </summary>
internal static class GifImage
{
    public static byte[] Create(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write(Encoding.ASCII.GetBytes("GIF89a"));
        file.Write(new byte[] { (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0, 0 });
        file.Write(new byte[] { 0x80, 0x80, 0x80, 0, 0, 0 }); // two-colour global table
        file.Write(new byte[] { 0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0 });
        file.WriteByte(2); // LZW minimum code size: clear = 4, end = 5, codes 3 bits wide

        var bits = new LsbBitWriter();
        for (long left = (long)width * height; left > 0; left -= 2)
        {
            bits.Write(4, 3);
            bits.Write(0, 3);
            if (left > 1) bits.Write(0, 3);
        }
        bits.Write(5, 3);
        byte[] data = bits.ToArray();
        for (int i = 0; i < data.Length; i += 255)
        {
            int n = Math.Min(255, data.Length - i);
            file.WriteByte((byte)n);
            file.Write(data, i, n);
        }
        file.WriteByte(0);    // end of image data
        file.WriteByte(0x3B); // trailer
        return file.ToArray();
    }
}
