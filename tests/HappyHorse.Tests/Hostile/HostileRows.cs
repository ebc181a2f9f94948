using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace HappyHorse.Tests.Hostile;

/// <summary>
/// Rows a real CSV can bring, each breaking exactly one rule of the HappyHorse input schema (or of
/// what the service can fetch). Every one must be refused before anything is sent.
/// </summary>
public static class HostileRows
{
    public const string Good = "https://img.example/a.png";
    private const string Prompt = "character1 smiles";

    public static readonly IReadOnlyList<HostileRow> All = new[]
    {
        // Numbers as CSV text.
        Bad("duration as a word", "duration", "seven", "duration", "seven", "3 to 15"),
        Bad("duration with a fraction", "duration", "3.5", "duration", "3.5", "whole number"),
        Bad("duration far too large", "duration", "99999999999999999999", "duration", "99999999999999999999", "3 to 15"),
        Bad("duration 2", "duration", "2", "duration", "2", "3 to 15"),
        Bad("duration 16", "duration", "16", "duration", "16", "3 to 15"),
        Bad("duration negative", "duration", "-5", "duration", "-5", "3 to 15"),
        Bad("duration in hex", "duration", "0x10", "duration", "0x10", "whole number"),
        Bad("duration with a thousands separator", "duration", "1,000", "duration", "1,000", "whole number"),
        Bad("duration in full-width digits", "duration", "\uFF15", "duration", "\uFF15", "whole number"),
        Bad("seed in exponent form", "seed", "1e3", "seed", "1e3", "0 to 2147483647"),
        Bad("seed negative", "seed", "-1", "seed", "-1", "0 to 2147483647"),
        Bad("seed one past Int32", "seed", "2147483648", "seed", "2147483648", "0 to 2147483647"),
        Bad("seed far too large", "seed", "99999999999999999999999", "seed", "99999999999999999999999", "0 to 2147483647"),
        Bad("seed with a fraction", "seed", "1.5", "seed", "1.5", "whole number"),
        Bad("watermark maybe", "watermark", "maybe", "watermark", "maybe", "true or false"),
        Bad("watermark 2", "watermark", "2", "watermark", "2", "true or false"),

        // Enums.
        Bad("aspect_ratio 16x9", "aspect_ratio", "16x9", "aspect_ratio", "16x9", "16:9, 9:16, 1:1, 4:3, 3:4"),
        Bad("aspect_ratio 21:9", "aspect_ratio", "21:9", "aspect_ratio", "21:9", "16:9, 9:16, 1:1, 4:3, 3:4"),
        Bad("aspect_ratio with an escape character", "aspect_ratio", "16:9\u001b[2J", "aspect_ratio", "16:9", "16:9, 9:16, 1:1, 4:3, 3:4"),
        Bad("resolution 4K", "resolution", "4K", "resolution", "4K", "720P, 1080P"),
        Bad("resolution 480P", "resolution", "480P", "resolution", "480P", "720P, 1080P"),
        Bad("resolution without the P", "resolution", "1080", "resolution", "1080", "720P, 1080P"),

        // Prompt.
        Bad("prompt empty", "prompt", "", "prompt", "empty", "1 to 5000"),
        Bad("prompt only whitespace", "prompt", "  \t  ", "prompt", "empty", "1 to 5000"),
        Bad("prompt of 5001 characters", "prompt", new string('a', 5001), "prompt", "5001", "at most 5000"),
        Bad("prompt of 2501 Chinese characters", "prompt", new string('\u9A6C', 2501), "prompt", "2501", "at most 2500"),
        Bad("prompt with NUL", "prompt", "character1\u0000 smiles", "prompt", "U+0000", "text, tabs and line breaks"),
        Bad("prompt with BEL", "prompt", "character1 \u0007rings", "prompt", "U+0007", "text, tabs and line breaks"),
        Bad("prompt with ESC", "prompt", "character1 \u001b[31mred", "prompt", "U+001B", "text, tabs and line breaks"),
        Bad("prompt with a lone surrogate", "prompt", "character1 \uD83D smiles", "prompt", "U+D83D", "valid Unicode"),

        // Image URLs.
        Bad("image URL with a space", "image_url_1", "https://img.example/my photo.png", "image_url_1", "my photo.png", "encode spaces as %20"),
        Bad("image URL over http", "image_url_1", "http://img.example/a.png", "image_url_1", "http://img.example/a.png", "https:// only"),
        Bad("image URL over ftp", "image_url_1", "ftp://img.example/a.png", "image_url_1", "ftp://img.example/a.png", "https:// only"),
        Bad("image URL as a data URI", "image_url_1", "data:image/png;base64,iVBORw0KGgo=", "image_url_1", "data:image/png", "https:// only"),
        Bad("image as a Windows path", "image_url_1", "C:\\img.png", "image_url_1", "C:\\img.png", "https://"),
        Bad("image as a Unix path", "image_url_1", "/tmp/x.png", "image_url_1", "/tmp/x.png", "https://"),
        Bad("image as a file URI", "image_url_1", "file:///x.png", "image_url_1", "file:///x.png", "https://"),
        Bad("image as a UNC path", "image_url_1", "\\\\server\\share\\x.png", "image_url_1", "\\\\server\\share\\x.png", "https://"),
        Bad("image URL with user and password", "image_url_1", "https://user:s3cr3tpw@img.example/a.png", "image_url_1", "img.example/a.png", "needs no login"),
        Bad("image URL relative", "image_url_1", "images/a.png", "image_url_1", "images/a.png", "absolute https://"),
        Bad("image URL dot-relative", "image_url_1", "./a.png", "image_url_1", "./a.png", "https://"),
        Bad("image URL protocol-relative", "image_url_1", "//img.example/a.png", "image_url_1", "//img.example/a.png", "absolute https://"),
        Bad("image URL without a host", "image_url_1", "https:///a.png", "image_url_1", "https:///a.png", "absolute https://"),
        Bad("image URL with a control character", "image_url_1", "https://img.example/a\u0007.png", "image_url_1", "U+0007", "https://"),
        Bad("image URL huge with a space", "image_url_1", "https://img.example/" + new string('a', 100_000) + " b.png", "image_url_1", "https://img.example/aaaa", "encode spaces"),
        Bad("image URL as a bad ImageUrl column", "ImageUrl", "ftp://img.example/a.png", "image_url_1", "ftp://img.example/a.png", "https:// only", drop: "image_url_1"),
        Bad("image_url_1 column missing", null, null, "image_url_1", "missing", "1 to 9 reference images", drop: "image_url_1"),
        Bad("image_url_2 without image_url_1", "image_url_2", Good, "image_url_1", "missing", "required", blank: "image_url_1"),
        new HostileRow("ten images by columns",
            new[] { ("prompt", Prompt) }.Concat(Enumerable.Range(1, 10).Select(i => ($"image_url_{i}", $"https://img.example/{i}.png"))).ToArray(),
            "image_url_10", "https://img.example/10.png", "at most 9"),
    };

    /// <summary>Names for [MemberData]: each row is its own test case in the runner.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var row in All) names.Add(row.Name);
            return names;
        }
    }

    public static HostileRow Named(string name) => All.Single(r => r.Name == name);

    /// <summary>A good row with one cell set (or added), optionally one column dropped or blanked.</summary>
    private static HostileRow Bad(string name, string? column, string? value, string field, string shown, string allowed, string? drop = null, string? blank = null)
    {
        var cells = new List<(string, string)> { ("prompt", Prompt), ("image_url_1", Good) };
        if (drop != null) cells.RemoveAll(c => c.Item1 == drop);
        if (blank != null) cells = cells.Select(c => c.Item1 == blank ? (c.Item1, "") : c).ToList();
        if (column != null)
        {
            int at = cells.FindIndex(c => c.Item1 == column);
            if (at >= 0) cells[at] = (column, value!);
            else cells.Add((column, value!));
        }
        return new HostileRow(name, cells.ToArray(), field, shown, allowed);
    }
}
