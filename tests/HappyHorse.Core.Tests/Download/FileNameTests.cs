using System;
using System.Collections.Generic;
using System.Text;
using HappyHorse.Download;
using Xunit;

namespace HappyHorse.Core.Tests.Download;

/// <summary>File names that must survive Windows, Linux and macOS: the sanitiser, the template and the extension rules.</summary>
public class FileNameTests
{
    [Theory]
    [InlineData("Intro: part 1/2?", "Intro_ part 1_2_")]
    [InlineData("a<b>c\"d\\e|f*g", "a_b_c_d_e_f_g")]
    [InlineData("tab\there\nnewline\u0001", "tab_here_newline_")]
    [InlineData("  spaced out  ", "spaced out")]
    [InlineData("trailing dots...", "trailing dots")]
    [InlineData("dots and spaces . . ", "dots and spaces")]
    [InlineData("naïve café 🐴", "naïve café 🐴")]
    [InlineData("", "video")]
    [InlineData("   ", "video")]
    [InlineData("..", "video")]
    [InlineData("?*", "__")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")] // RIGHT-TO-LEFT OVERRIDE would show "exe.pdf"
    [InlineData("\u2067a\u2069b\u202Ac\u202C\u200Fd\u200E\u061C", "abcd")]
    [InlineData("zero\u200Bwidth\u200C\u200Djoin\u2060\uFEFF", "zerowidthjoin")]
    [InlineData("\u200B \u200B", "video")]
    [InlineData("tag\U000E0041\U000E007F", "tag")]
    public void SanitiseReplacesWhatWindowsForbidsAndTrimsWhatItDrops(string input, string expected) =>
        Assert.Equal(expected, FileNameSanitizer.Sanitize(input));

    [Theory]
    [InlineData("CON", "_CON")]
    [InlineData("con", "_con")]
    [InlineData("Nul.mp4", "_Nul.mp4")]
    [InlineData("COM1", "_COM1")]
    [InlineData("lpt9", "_lpt9")]
    [InlineData("AUX ", "_AUX")]
    [InlineData("PRN.tar.gz", "_PRN.tar.gz")]
    [InlineData("CONSOLE", "CONSOLE")]
    [InlineData("COM10", "COM10")]
    [InlineData("my CON", "my CON")]
    public void DeviceNamesGetAPrefixWithOrWithoutExtension(string input, string expected) =>
        Assert.Equal(expected, FileNameSanitizer.Sanitize(input));

    [Fact]
    public void LongNamesAreCutToTheByteLimitWithoutSplittingACharacter()
    {
        string horses = string.Concat(System.Linq.Enumerable.Repeat("🐴", 100)); // 4 bytes and 2 chars each
        string cut = FileNameSanitizer.Sanitize("x" + horses);
        Assert.True(Encoding.UTF8.GetByteCount(cut) <= FileNameSanitizer.MaxStemBytes);
        Assert.Equal(1 + 49 * 2, cut.Length); // "x" + 49 whole horses = 197 bytes; a 50th would be 201
        Assert.False(char.IsHighSurrogate(cut[^1]));

        string ascii = FileNameSanitizer.Sanitize(new string('a', 500));
        Assert.Equal(FileNameSanitizer.MaxStemBytes, ascii.Length);
    }

    [Theory]
    [InlineData("clip", "https://cdn.example/v/abc.mp4", null, "clip.mp4")]
    [InlineData("clip", "https://cdn.example/v/abc.WEBM?sig=1", null, "clip.webm")]
    [InlineData("clip", "https://cdn.example/v/abc", null, "clip.mp4")]
    [InlineData("clip", "https://cdn.example/v/abc.toolongext", null, "clip.mp4")]
    [InlineData("clip.mp4", "https://cdn.example/v/abc.mp4", null, "clip.mp4")]
    [InlineData("clip.MOV", "https://cdn.example/v/abc.mp4", null, "clip.mov")]
    [InlineData("clip", "https://cdn.example/v/abc.mp4", 2, "clip-2.mp4")]
    [InlineData("clip.mp4", "https://cdn.example/v/abc.mp4", 3, "clip-3.mp4")]
    [InlineData("v1.5 take", "https://cdn.example/v/abc.mp4", null, "v1.5 take.mp4")]
    [InlineData("CON", "https://cdn.example/v/abc.mp4", null, "_CON.mp4")]
    [InlineData("a/b", "https://cdn.example/v/abc.mp4", null, "a_b.mp4")]
    [InlineData("clip", "https://cdn.example/v/abc.mkv", null, "clip.mkv")]
    [InlineData("clip", "https://cdn.example/v/abc.M4V", null, "clip.m4v")]
    [InlineData("clip", "https://cdn.example/v/abc.ps1", null, "clip.mp4")]
    [InlineData("clip", "https://cdn.example/v/abc.exe", null, "clip.mp4")]
    [InlineData("clip", "https://cdn.example/v/abc.lnk?x=1", null, "clip.mp4")]
    [InlineData("clip", "https://cdn.example/v/abc.html", null, "clip.mp4")]
    [InlineData("clip", "https://cdn.example/v/abc.scr", 2, "clip-2.mp4")]
    public void BuildAddsTheUrlsExtensionAndTheOutputSuffix(string expanded, string url, int? suffix, string expected) =>
        Assert.Equal(expected, VideoFileName.Build(expanded, new Uri(url), suffix));

    [Fact]
    public void TemplateFillsTokensCaseInsensitivelyWithFormatsAndEscapes()
    {
        var template = FileNameTemplate.Parse("{{{Index:000}}}-{name}_{NAME}");
        Assert.Equal(new[] { "Index", "name" }, template.Tokens);
        var seen = new List<(string, string?)>();
        string result = template.Expand((string token, string? format, out string value) =>
        {
            seen.Add((token, format));
            value = token.Equals("index", StringComparison.OrdinalIgnoreCase) ? 7.ToString(format) : "horse";
            return true;
        }, out var unknown);
        Assert.Equal("{007}-horse_horse", result);
        Assert.Empty(unknown);
        Assert.Contains(("Index", "000"), seen);
        Assert.True(template.Uses("index"));
    }

    [Fact]
    public void UnknownTokensAreReportedOnce()
    {
        var template = FileNameTemplate.Parse("{a}-{b}-{a}");
        template.Expand((string token, string? format, out string value) => { value = ""; return token == "b"; }, out var unknown);
        Assert.Equal(new[] { "a" }, unknown);
    }

    [Theory]
    [InlineData("{Index")]
    [InlineData("Index}")]
    [InlineData("{}")]
    [InlineData("{ :000}")]
    [InlineData("   ")]
    public void MalformedTemplatesAreRejectedWithThePosition(string text)
    {
        var ex = Assert.Throws<FormatException>(() => FileNameTemplate.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }
}
