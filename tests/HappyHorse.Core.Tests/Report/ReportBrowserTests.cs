using System;
using System.IO;
using System.Linq;
using AngleSharp.Dom;
using Xunit;

namespace HappyHorse.Core.Tests.Report;

/// <summary>The report in a real browser: headless Chromium runs its script, then dumps the DOM.</summary>
public sealed class ReportBrowserTests : IDisposable
{
    private readonly ReportFixture _batch = new ReportFixture();

    public void Dispose() => _batch.Dispose();

    private IDocument Open(string suffix = "")
    {
        _batch.WriteAndParse();
        return ReportFixture.Parse(Chromium.DumpDom(new Uri(_batch.ReportPath).AbsoluteUri + suffix));
    }

    private static string?[] Visible(IDocument doc) =>
        doc.QuerySelectorAll("#cards > article").Where(c => !c.HasAttribute("hidden")).Select(c => c.Id).ToArray();

    [ChromiumFact]
    public void EveryCardShowsAndEachVideoPointsAtAFileBesideTheReport()
    {
        var doc = Open();

        Assert.Equal(new[] { "row-1", "row-2", "row-3", "row-4", "row-5", "row-6" }, Visible(doc));
        Assert.False(doc.GetElementById("filters")!.HasAttribute("hidden"));
        Assert.Equal("6 of 6 shown", doc.GetElementById("f-count")!.TextContent);
        var videos = doc.QuerySelectorAll("video").Select(v => v.GetAttribute("src")!).ToList();
        Assert.Equal(3, videos.Count);
        foreach (string src in videos.Where(s => !s.StartsWith("https://", StringComparison.Ordinal)))
            Assert.True(File.Exists(_batch.Resolve(src)), $"<video src=\"{src}\"> points at no file");
        Assert.Equal(2, videos.Count(s => !s.StartsWith("https://", StringComparison.Ordinal)));
        // The hostile row's text stayed text: no script of its own ran, no element of its own exists.
        Assert.Single(doc.QuerySelectorAll("script"));
        Assert.Equal(ReportFixture.HostilePrompt, doc.GetElementById("row-6")!.QuerySelector(".prompt")!.TextContent);
        Assert.Null(doc.Body!.GetAttribute("data-pwned"));
    }

    [ChromiumFact]
    public void TheStatusFilterFromTheAddressHidesTheOtherCards()
    {
        var doc = Open("#status=succeeded");

        Assert.Equal(new[] { "row-1", "row-2", "row-6" }, Visible(doc));
        Assert.Equal("3 of 6 shown", doc.GetElementById("f-count")!.TextContent);
        Assert.True(doc.GetElementById("f-none")!.HasAttribute("hidden"));
    }

    [ChromiumFact]
    public void TheTextSearchMatchesPromptsAndNamesAndSaysWhenNothingMatches()
    {
        Assert.Equal(new[] { "row-2" }, Visible(Open("?q=RIVER")));
        Assert.Equal(new[] { "row-3" }, Visible(Open("#q=cup")));
        var none = Open("#status=failed&q=corgi");
        Assert.Empty(Visible(none));
        Assert.False(none.GetElementById("f-none")!.HasAttribute("hidden"));
    }
}
