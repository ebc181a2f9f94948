using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using HappyHorse.Report;
using Xunit;

namespace HappyHorse.Core.Tests.Report;

/// <summary>The page itself, parsed by an HTML5 parser: structure, escaping, links.</summary>
public sealed class ReportPageTests : IDisposable
{
    private readonly ReportFixture _batch = new ReportFixture();
    private readonly Xunit.Abstractions.ITestOutputHelper _log;

    public ReportPageTests(Xunit.Abstractions.ITestOutputHelper log) => _log = log;

    public void Dispose() => _batch.Dispose();

    [Fact]
    public void OneCardPerRowInRowOrderWithItsStatusAndTheCountsOnTop()
    {
        var doc = _batch.WriteAndParse();

        var cards = doc.QuerySelectorAll("#cards > article").ToList();
        Assert.Equal(new[] { "row-1", "row-2", "row-3", "row-4", "row-5", "row-6" }, cards.Select(c => c.Id));
        Assert.Equal(new[] { "succeeded", "succeeded", "failed", "cancelled", "not_submitted", "succeeded" }, cards.Select(c => c.GetAttribute("data-status")));
        Assert.Equal(new[] { "succeeded", "succeeded", "failed", "cancelled", "not submitted", "succeeded" }, cards.Select(c => c.QuerySelector("header > b")!.TextContent));
        Assert.Equal("sneaker-teaser", cards[0].QuerySelector("h2")!.TextContent);
        Assert.Equal("#1", cards[0].QuerySelector(".ix")!.TextContent);

        var counts = doc.QuerySelectorAll(".counts li").Select(li => li.TextContent).ToList();
        Assert.Equal(new[] { "6Rows", "3Succeeded", "1Failed", "1Cancelled", "1Not submitted" }, counts);
        Assert.Equal("#status=failed", doc.QuerySelector(".counts a[href='#status=failed']")!.GetAttribute("href"));
        Assert.Contains("$0.60 actual (1 of 6 rows)", doc.GetElementById("cost")!.TextContent);
        Assert.Contains("$0.60 estimated", doc.GetElementById("cost")!.TextContent);
        Assert.Equal("First submit 2026-01-02 03:00:00 → last finish 2026-01-02 03:01:36 (1m 36s)", doc.GetElementById("span")!.TextContent);
        // Four rows have a generation time (the cancelled and the refused one have none).
        Assert.Equal(4, doc.QuerySelectorAll("svg.hist rect title").Sum(t => int.Parse(t.TextContent.Split(' ')[0])));

        // The failed row says why; the refused row too, and has no player.
        Assert.Equal("Video generation failed: the provider rejected the task.", cards[2].QuerySelector(".msg")!.TextContent);
        Assert.Equal("Insufficient balance.", cards[4].QuerySelector(".msg")!.TextContent);
        Assert.Null(cards[4].QuerySelector("video"));
        Assert.Contains("16:9 · 1080P · 5 s · seed 41 · $0.60 · est. $0.60", cards[0].QuerySelector(".facts")!.TextContent);
        Assert.Equal("03:00:00 → 03:00:40 (40 s) · req-1", cards[0].QuerySelector(".times")!.TextContent);
    }

    [Fact]
    public void SavedVideosAndLocalImagesAreLinkedRelativeToTheReportAndServiceLinksAreMarkedExpiring()
    {
        var doc = _batch.WriteAndParse();
        var cards = doc.QuerySelectorAll("#cards > article").ToList();

        var saved = cards[0].QuerySelector("video")!;
        Assert.Equal("videos/1-sneaker%20teaser%231.mp4", saved.GetAttribute("src"));
        Assert.Equal(_batch.VideoA, _batch.Resolve(saved.GetAttribute("src")!));
        Assert.True(saved.HasAttribute("controls"));
        Assert.Equal("metadata", saved.GetAttribute("preload"));
        Assert.Null(cards[0].QuerySelector(".exp"));

        var images = cards[0].QuerySelectorAll(".refs img").ToList();
        Assert.Equal(new[] { "https://images.example.com/a.jpg", "refs/local%20ref.png" }, images.Select(i => i.GetAttribute("src")));
        Assert.All(images, i => Assert.Equal("lazy", i.GetAttribute("loading")));
        Assert.Equal(_batch.Image, _batch.Resolve(images[1].GetAttribute("src")!));

        var linked = cards[1].QuerySelector("video")!;
        Assert.Equal("https://cdn.example.com/out/req-2.mp4?sig=a&b=%3Cc%3E", linked.GetAttribute("src"));
        Assert.Contains("expires", cards[1].QuerySelector(".exp")!.TextContent);
    }

    [Fact]
    public void HostileTextFromACsvOrAServerShowsAsTextAndNeverBecomesMarkupOrAUrl()
    {
        var doc = _batch.WriteAndParse();
        var card = doc.GetElementById("row-6")!;

        Assert.Equal(ReportFixture.HostilePrompt, card.QuerySelector(".prompt")!.TextContent);
        Assert.Equal(ReportFixture.HostileTitle, card.QuerySelector("h2")!.TextContent);
        Assert.Equal(ReportFixture.HostileMessage, card.QuerySelector(".msg")!.TextContent);
        Assert.Contains("\"><script>alert(6)</script>", card.QuerySelector(".facts")!.TextContent);
        Assert.Equal("\"><script>alert(6)</script>", card.QuerySelector("video")!.GetAttribute("data-ar"));

        // Exactly one script (the page's own), no event-handler attribute anywhere, no element the rows could have made.
        Assert.Single(doc.QuerySelectorAll("script"));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(doc.QuerySelectorAll("#cards img:not(.refs img), #cards iframe, #cards object, #cards svg"));

        // javascript: and data: images are shown as text, not loaded; the javascript: video URL is dropped (the saved file plays).
        Assert.Equal(new[] { "javascript:alert(5)", "data:image/png;base64,AAAA" }, card.QuerySelectorAll(".refs span").Select(s => s.TextContent));
        Assert.Empty(card.QuerySelectorAll(".refs img"));
        Assert.Equal("videos/6-hostile.mp4", Assert.Single(card.QuerySelectorAll("video")).GetAttribute("src"));
        foreach (var link in doc.All.SelectMany(e => e.Attributes).Where(a => a.Name == "src" || a.Name == "href").Select(a => a.Value))
            Assert.True(link.StartsWith("https://", StringComparison.Ordinal) || link.StartsWith("#", StringComparison.Ordinal) || !link.Contains(':'),
                $"'{link}' is neither an http(s) URL nor a relative link");
    }

    [Fact]
    public void TheFilterIsHiddenWithoutScriptsAndThePolicyAllowsOnlyThePagesOwnScriptAndStyle()
    {
        var doc = _batch.WriteAndParse();

        var form = doc.GetElementById("filters")!;
        Assert.True(form.HasAttribute("hidden"));
        Assert.Equal(new[] { "", "succeeded", "failed", "cancelled", "not_submitted" }, form.QuerySelectorAll("#f-status option").Select(o => o.GetAttribute("value")));
        Assert.Empty(doc.QuerySelectorAll("#cards [hidden]"));

        string policy = doc.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!;
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src " + Sha256(doc.QuerySelector("script")!.TextContent), policy);
        Assert.Contains("style-src " + Sha256(doc.QuerySelector("style")!.TextContent), policy);
        Assert.Empty(doc.QuerySelectorAll("link, script[src], [style]"));
    }

    [Fact]
    public void TenThousandRowsMakeAPageUnderTenMegabytesWithLazyMedia()
    {
        var rows = Enumerable.Range(1, 10_000).Select(i =>
        {
            var row = new ReportRow
            {
                Index = i, Title = "product-shot-" + i.ToString("00000"), Status = i % 10 == 0 ? "failed" : "succeeded", RequestId = Guid.NewGuid().ToString(),
                Model = "happyhorse/happyhorse-1.0/reference-to-video", AspectRatio = "16:9", Resolution = "1080P", Duration = 8, Seed = i, Cost = 0.96,
                Prompt = "character1 turns slowly on a white marble pedestal while a soft studio light sweeps across it, shallow depth of field, row " + i +
                         ", with character2 watching from the side as the camera pushes in",
                SubmittedAt = DateTimeOffset.Now, FinishedAt = DateTimeOffset.Now.AddSeconds(30 + i % 90),
                Message = i % 10 == 0 ? "Video generation failed: the provider rejected the task (simulated)." : null,
            };
            row.Images.Add("https://images.example.com/products/sneaker-side-" + i + ".jpg");
            row.Images.Add("https://images.example.com/people/customer-" + i + ".jpg");
            if (i % 10 != 0) row.Files.Add(Path.Combine(_batch.Folder, "videos", i.ToString("00000") + "-product-shot-" + i.ToString("00000") + ".mp4"));
            return row;
        }).ToList();

        var book = new ReportBook();
        foreach (var row in rows) book.Add(row);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ReportWriter.Write(_batch.ReportPath, book.Ordered(), new ReportOptions());
        var written = clock.Elapsed;
        long bytes = new FileInfo(_batch.ReportPath).Length;
        Assert.True(bytes < 10 * 1024 * 1024, $"10,000 rows made {bytes:N0} bytes");

        var doc = ReportFixture.Parse(File.ReadAllText(_batch.ReportPath));
        Assert.Equal(10_000, doc.QuerySelectorAll("#cards > article").Length);
        Assert.All(doc.QuerySelectorAll("img"), i => Assert.Equal("lazy", i.GetAttribute("loading")));
        Assert.Equal(9_000, doc.QuerySelectorAll("video").Length);
        var cards = doc.QuerySelectorAll("#cards > article").ToList();
        Assert.All(cards.Take(CardHtml.EagerVideos).SelectMany(c => c.QuerySelectorAll("video")), v => Assert.Equal("metadata", v.GetAttribute("preload")));
        Assert.All(cards.Skip(CardHtml.EagerVideos).SelectMany(c => c.QuerySelectorAll("video")), v => Assert.True(v.GetAttribute("preload") == "none"));
        _log.WriteLine($"10,000 rows: {bytes:N0} bytes, written in {written.TotalSeconds:0.0} s");
    }

    [Fact]
    public void OnlyHttpUrlsAndFilesThatExistBecomeLinks()
    {
        Assert.Equal("https://a.example/x%20y.png", SafeUrl.Web(" https://a.example/x y.png "));
        Assert.Equal("http://a.example/", SafeUrl.Web("http://a.example"));
        foreach (string bad in new[] { "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd", "vbscript:x", "//evil.example/x", "x.png", "", " " })
            Assert.Null(SafeUrl.Web(bad));
        Assert.Null(SafeUrl.Image("/no/such/file.png", _batch.Folder));
        Assert.Equal("refs/local%20ref.png", SafeUrl.Image(new Uri(_batch.Image).AbsoluteUri, _batch.Folder));
    }

    [Fact]
    public void RelativeLinksClimbOutOfTheReportFolderAndEscapeEverySegment()
    {
        string root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "hh-links"));
        Assert.Equal("../videos/a%3Ab%3Fc.mp4", RelativeLink.From(Path.Combine(root, "reports"), Path.Combine(root, "videos", "a:b?c.mp4")));
        Assert.Equal("x.mp4", RelativeLink.From(root, Path.Combine(root, "x.mp4")));
        Assert.Equal("javascript%3Aalert%281%29.mp4", RelativeLink.From(root, Path.Combine(root, "javascript:alert(1).mp4")));
    }

    private static string Sha256(string text) =>
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))) + "'";
}
