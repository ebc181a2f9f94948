using System.Collections.Concurrent;
using System.Text;

namespace HappyHorse.Emulator.Images;

/// <summary>
/// Reference images made in code, by kind and size. Public so tests can feed the same bytes to a
/// header reader that the emulator serves under /images.
/// </summary>
public static class SyntheticImages
{
    /// <summary>Kinds understood by <see cref="Create"/> and by the <c>format</c> query of /images.</summary>
    public static IReadOnlyList<string> Kinds { get; } = new[]
    {
        "png", "jpeg", "jpeg-progressive", "jpeg-exif", "webp", "webp-vp8", "webp-vp8l", "webp-vp8x", "gif", "html",
    };

    /// <summary>Metadata before the frame header of "jpeg-exif": more than a reader's first 64 KiB.</summary>
    public const int ExifMetadataBytes = 100 * 1024;

    private static readonly ConcurrentDictionary<(string, int, int), byte[]> Cache = new();

    public static bool IsKnown(string kind) => Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>The image's bytes; cached, since a batch asks for the same few images many times.</summary>
    public static byte[] Create(string kind, int width, int height)
    {
        if (width is < 1 or > 16383 || height is < 1 or > 16383)
            throw new ArgumentOutOfRangeException(nameof(width), "width and height must be 1..16383 (the smallest common limit: WebP)");
        return Cache.GetOrAdd((kind.ToLowerInvariant(), width, height), key => Make(key.Item1, key.Item2, key.Item3));
    }

    /// <summary>image/png, image/jpeg, image/webp, image/gif or text/html: the true type of the kind.</summary>
    public static string ContentType(string kind) => kind.ToLowerInvariant() switch
    {
        "png" => "image/png",
        "gif" => "image/gif",
        "html" => "text/html; charset=utf-8",
        var k when k.StartsWith("jpeg", StringComparison.Ordinal) => "image/jpeg",
        _ => "image/webp",
    };

    private static byte[] Make(string kind, int width, int height) => kind switch
    {
        "png" => PngImage.Create(width, height),
        "jpeg" => JpegImage.Baseline(width, height),
        "jpeg-progressive" => JpegImage.Progressive(width, height),
        "jpeg-exif" => JpegImage.WithMetadata(width, height, ExifMetadataBytes),
        "webp" or "webp-vp8l" => WebpImage.Lossless(width, height),
        "webp-vp8" => WebpImage.Lossy(width, height),
        "webp-vp8x" => WebpImage.Extended(width, height),
        "gif" => GifImage.Create(width, height),
        "html" => Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in to see this image.</p></body></html>\n"),
        _ => throw new ArgumentException($"unknown image kind '{kind}'; known: {string.Join(", ", Kinds)}", nameof(kind)),
    };
}
