using System;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator;
using HappyHorse.Preflight;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>Test-HHReferenceImage in a real engine, with the emulator as both the API and the image host.</summary>
public class TestHHReferenceImageTests : ModuleTestBase
{
    private string Image(string name, string query = "") =>
        $"{Emulator.RootUri.AbsoluteUri.TrimEnd('/')}/images/{name}{(query.Length > 0 ? "?" + query : "")}";

    private long ImageRequests => Emulator.Accounting.RequestCount(EmulatorEndpoint.Image);

    [Fact]
    public void GoodPngJpegAndWebpPass()
    {
        string[] urls = { Image("a.png", "w=1280&h=720"), Image("b.jpg", "w=400&h=400"), Image("c.webp", "format=webp-vp8x&w=720&h=1280"), Image("d.jpg", "format=png") };
        var result = Run("Test-HHReferenceImage -Url $u", ("u", urls));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var checks = result.Objects<HHImageCheck>().ToList();
        Assert.Equal(urls, checks.Select(c => c.Url));
        Assert.All(checks, c => Assert.True(c.Passed));
        Assert.All(checks, c => Assert.Null(c.Row));
        Assert.Equal(new[] { "PNG", "JPEG", "WEBP", "PNG" }, checks.Select(c => c.Format));
        Assert.Equal(new int?[] { 1280, 400, 720, 800 }, checks.Select(c => c.Width));
        Assert.All(checks, c => Assert.Empty(c.Problems));
    }

    [Fact]
    public void EachBadImageKindIsReportedWithItsRowAndRuleAndNothingIsSubmitted()
    {
        string good = Image("good.png");
        var rows = new[]
        {
            (Image("lying.jpg", "format=png"), (string?)null),
            (Image("anim.jpg", "format=gif"), ImageRules.Format),
            (Image("login.jpg", "format=html"), ImageRules.Format),
            (Image("tall.png", "w=300&h=900"), ImageRules.MinShortSide),
            (Image("huge.jpg", $"size={11L * 1024 * 1024}"), ImageRules.MaxSize),
            (Image("gone.webp", "status=404"), ImageRules.Reachable),
            (Image("private.png", "auth=basic"), ImageRules.Anonymous),
        };
        var csv = CsvRows.Parse("prompt,image_url_1,image_url_2\n" +
            string.Join("\n", rows.Select((r, i) => $"character1 and character2 scene {i},{good},{r.Item1}")));

        var result = Run("$rows | Test-HHReferenceImage", ("rows", csv));

        Assert.Null(result.Terminating);
        var checks = result.Objects<HHImageCheck>().ToList();
        Assert.Equal(rows.Length * 2, checks.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            var first = checks[2 * i];
            var second = checks[2 * i + 1];
            Assert.Equal((i + 1, "image_url_1", good, true), (first.Row!.Value, first.Field!, first.Url, first.Passed));
            Assert.Equal((i + 1, "image_url_2", rows[i].Item1), (second.Row!.Value, second.Field!, second.Url));
            Assert.Equal(rows[i].Item2 == null, second.Passed);
            Assert.Same(csv[i], second.InputObject);
            if (rows[i].Item2 is string rule) Assert.Equal(rule, second.FailedRules);
        }

        Assert.Equal(rows.Length - 1, result.Errors.Count);
        foreach (var (error, index) in result.Errors.Select((e, n) => (e, n + 2)))
        {
            string rule = rows[index - 1].Item2!;
            Assert.Equal("HappyHorse.ReferenceImage." + rule, error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.StartsWith($"Row {index}, image_url_2: {rows[index - 1].Item1} fails {rule}: it ", error.ToString());
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
            Assert.Equal(index, ((HHImageCheck)error.TargetObject).Row);
        }

        Assert.Equal(0, Submits);
        Assert.Equal(0, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(0, Emulator.Accounting.ImageRequestsWithAuthorizationHeader);
        Assert.True(Emulator.Accounting.ImageBytesSent < 256 * 1024, $"the host sent {Emulator.Accounting.ImageBytesSent} bytes");
        Assert.Equal(rows.Length + 1, ImageRequests); // the shared good image was fetched once
    }

    [Fact]
    public void ErrorActionStopEndsAtTheFirstFailure()
    {
        string[] urls = { Image("a.png"), Image("b.png", "w=10&h=10"), Image("c.png") };
        var result = Run("try { Test-HHReferenceImage -Url $u -ErrorAction Stop } catch { 'caught ' + $_.FullyQualifiedErrorId }", ("u", urls));
        Assert.Equal(new[] { urls[0], urls[1] }, result.Objects<HHImageCheck>().Select(c => c.Url));
        Assert.StartsWith("caught HappyHorse.ReferenceImage.MinShortSide", result.Objects<string>().Single());
    }

    [Fact]
    public void ErrorActionSilentlyContinueLeavesTheObjects()
    {
        var result = Run("Test-HHReferenceImage -Url $u -ErrorAction SilentlyContinue | Where-Object { -not $_.Passed }", ("u", new[] { Image("a.png"), Image("b.gif") }));
        Assert.Empty(result.Errors);
        var failed = Assert.Single(result.Objects<HHImageCheck>());
        Assert.Equal(ImageRules.Format, Assert.Single(failed.Problems).Rule);
    }

    [Fact]
    public void PipedStringsAndRepeatedUrlsAreCheckedOnceEach()
    {
        string a = Image("a.png"), b = Image("b.webp");
        var urls = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? a : b).ToArray();
        var result = Run("$urls | Test-HHReferenceImage -Verbose -ThrottleLimit 4", ("urls", urls));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(urls, result.Objects<HHImageCheck>().Select(c => c.Url));
        Assert.Equal(2, ImageRequests);
        Assert.Contains(result.Verbose, v => v == $"Checking {a}.");
        Assert.Contains(result.Verbose, v => v.StartsWith(b + ": WEBP 800x600", StringComparison.Ordinal));
        Assert.Contains(result.Progress, p => p.Activity == "Checking reference images");
    }

    [Fact]
    public void RowsBindImageUrlAndUrlColumnsAndEmptyCellsAreSkipped()
    {
        var rows = CsvRows.Parse($"ImageUrl,image_url_3,image_url_4\n{Image("a.png")},{Image("c.png")},\n,,");
        var result = Run("$rows | Test-HHReferenceImage", ("rows", rows));
        var checks = result.Objects<HHImageCheck>().ToList();
        Assert.Equal(new[] { ("Url", 1), ("image_url_3", 1) }, checks.Select(c => (c.Field!, c.Row!.Value)));
        var error = Assert.Single(result.Errors);
        Assert.Equal("HappyHorse.ReferenceImage.NoUrl", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Row 2 has no image URL", error.ToString());
    }

    [Fact]
    public void StopProcessingEndsTheCheckPromptly()
    {
        Emulator.Options.Faults.SetLatency(EmulatorEndpoint.Image, 60_000);
        var (shell, handle, _) = Shell.Start("Test-HHReferenceImage -Url $u", new System.Collections.Generic.Dictionary<string, object?> { ["u"] = new[] { Image("a.png"), Image("b.png") } });
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Emulator.Accounting.CurrentConcurrentRequests < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "the images were never requested");
                System.Threading.Thread.Yield();
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            shell.Stop();
            Assert.True(handle.IsCompleted);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stop took {watch.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        }
        finally
        {
            shell.Dispose();
        }
    }
}
