using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HappyHorse.Emulator.Validation;

/// <summary>
/// An image sent inline as <c>data:image/png;base64,...</c>, as RunComfy's own ComfyUI node sends
/// HappyHorse's images: decoded and judged as a fetched image would be (type by its bytes, at most
/// 10 MB, short side at least 400 px). Never echoes the payload: messages name type, size and hash.
/// </summary>
internal static class DataImage
{
    public const long MaxBytes = 10L * 1024 * 1024;
    public const int MinShortSide = 400;

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = "PNG", ["image/jpeg"] = "JPEG", ["image/jpg"] = "JPEG", ["image/webp"] = "WEBP",
    };

    public static bool IsDataUri(string text) => text.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the image is acceptable, else why not; <paramref name="summary"/> names it without its bytes.</summary>
    public static string? Check(string uri, out string? summary)
    {
        summary = null;
        int comma = uri.IndexOf(',');
        if (comma < 0) return "is a data: URI without a comma before its data";
        string[] meta = uri[5..comma].Split(';');
        string type = meta[0].Trim();
        if (!meta.Skip(1).Any(p => p.Trim().Equals("base64", StringComparison.OrdinalIgnoreCase)))
            return "is a data: URI that is not base64-encoded; allowed: data:<type>;base64,<data>";
        if (!Types.TryGetValue(type, out string? declared))
            return $"is a data: URI of type '{Shorten(type)}'; allowed: image/jpeg, image/png or image/webp";

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(uri[(comma + 1)..]);
        }
        catch (FormatException)
        {
            return "is a data: URI whose data is not valid base64";
        }
        summary = $"{type}, {bytes.Length:N0} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]}";
        if (bytes.Length > MaxBytes)
            return $"is an inline image of {bytes.Length:N0} bytes ({summary}); allowed: at most {MaxBytes:N0} bytes (10 MB)";
        (string? format, int width, int height) = Read(bytes);
        if (format is null)
            return $"is an inline image whose bytes are not JPEG, PNG or WEBP ({summary}); allowed: JPEG, PNG or WEBP";
        if (format != declared)
            return $"is declared {type} but its bytes are {format} ({summary}); allowed: the type the bytes have";
        if (width <= 0 || height <= 0)
            return $"is an inline {format} whose size cannot be read ({summary})";
        if (Math.Min(width, height) < MinShortSide)
            return $"is an inline image of {width}x{height} px ({summary}); allowed: a short side of at least {MinShortSide} px";
        return null;
    }

    /// <summary>
    /// The form a data URI takes where the emulator keeps bodies: type and SHA-256 of the decoded bytes,
    /// so memory does not grow with inline images. Null when the text is not a readable data URI.
    /// </summary>
    public static string? Abbreviate(string uri)
    {
        int comma = uri.IndexOf(',');
        if (comma < 0) return null;
        try
        {
            byte[] bytes = Convert.FromBase64String(uri[(comma + 1)..]);
            return $"data:{uri[5..comma].Split(';')[0]};sha256,{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Format and size by the signature and header, never by the declared type.</summary>
    private static (string? Format, int Width, int Height) Read(byte[] b)
    {
        if (b.Length >= 24 && b.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
            return ("PNG", (int)BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(20)));
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
            return Jpeg(b);
        if (b.Length >= 30 && Ascii(b, 0, "RIFF") && Ascii(b, 8, "WEBP"))
            return Webp(b);
        return (null, 0, 0);
    }

    private static (string?, int, int) Jpeg(byte[] b)
    {
        int pos = 2;
        while (pos + 9 < b.Length)
        {
            if (b[pos] != 0xFF) { pos++; continue; }
            byte marker = b[pos + 1];
            if (marker == 0xFF || marker == 0x01 || marker is >= 0xD0 and <= 0xD8) { pos += marker == 0xFF ? 1 : 2; continue; }
            int length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(pos + 2));
            bool frame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (frame) return ("JPEG", BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(pos + 7)), BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(pos + 5)));
            if (marker is 0xD9 or 0xDA || length < 2) break;
            pos += 2 + length;
        }
        return ("JPEG", 0, 0);
    }

    private static (string?, int, int) Webp(byte[] b)
    {
        string chunk = Encoding.ASCII.GetString(b, 12, 4);
        return chunk switch
        {
            "VP8 " => ("WEBP", BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(26)) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(28)) & 0x3FFF),
            "VP8L" => ("WEBP", (int)(BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(21)) & 0x3FFF) + 1, (int)((BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(21)) >> 14) & 0x3FFF) + 1),
            "VP8X" => ("WEBP", (b[24] | b[25] << 8 | b[26] << 16) + 1, (b[27] | b[28] << 8 | b[29] << 16) + 1),
            _ => ("WEBP", 0, 0),
        };
    }

    private static bool Ascii(byte[] b, int offset, string text) => Encoding.ASCII.GetString(b, offset, text.Length) == text;

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
