using System.Globalization;

namespace HappyHorse.Emulator.Images;

/// <summary>How the server should act for one /images request, read from its name and query.</summary>
internal sealed record ImageSpec(
    string Kind, int Width, int Height, long? Size, string? ContentType, int? Status, string? Auth, int Redirects, bool Ranges)
{
    /// <summary>
    /// /images/{name}?format=&amp;w=&amp;h=&amp;size=&amp;type=&amp;status=&amp;auth=&amp;redirect=&amp;ranges=
    /// The kind defaults to the name's extension (.png, .jpg, .jpeg, .webp, .gif, .html).
    /// </summary>
    public static bool TryParse(string name, IQueryCollection query, out ImageSpec spec, out string error)
    {
        spec = null!;
        error = "";
        string? kind = query["format"].FirstOrDefault() ?? FromExtension(name);
        if (kind == null || !SyntheticImages.IsKnown(kind))
        {
            error = $"unknown format '{kind}'; known: {string.Join(", ", SyntheticImages.Kinds)}";
            return false;
        }
        if (!Int("w", 800, out int w) || !Int("h", 600, out int h) || w is < 1 or > 16383 || h is < 1 or > 16383)
        {
            error = "w and h must be integers 1..16383";
            return false;
        }
        if (!Long("size", out long? size) || size < 0 || !Int("redirect", 0, out int redirects) || redirects < 0 || !Nullable("status", out int? status))
        {
            error = "size, redirect and status must be non-negative integers";
            return false;
        }
        string? auth = query["auth"].FirstOrDefault();
        if (auth is not (null or "basic" or "forbidden"))
        {
            error = "auth must be basic or forbidden";
            return false;
        }
        bool ranges = !string.Equals(query["ranges"].FirstOrDefault(), "false", StringComparison.OrdinalIgnoreCase);
        spec = new ImageSpec(kind.ToLowerInvariant(), w, h, size, query["type"].FirstOrDefault(), status, auth, redirects, ranges);
        return true;

        bool Int(string key, int fallback, out int value)
        {
            string? text = query[key].FirstOrDefault();
            value = fallback;
            return text == null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        bool Nullable(string key, out int? value)
        {
            value = null;
            string? text = query[key].FirstOrDefault();
            if (text == null) return true;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v)) return false;
            value = v;
            return true;
        }
        bool Long(string key, out long? value)
        {
            value = null;
            string? text = query[key].FirstOrDefault();
            if (text == null) return true;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v)) return false;
            value = v;
            return true;
        }
    }

    private static string? FromExtension(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "png",
        ".jpg" or ".jpeg" => "jpeg",
        ".webp" => "webp",
        ".gif" => "gif",
        ".html" or ".htm" => "html",
        _ => null,
    };
}
