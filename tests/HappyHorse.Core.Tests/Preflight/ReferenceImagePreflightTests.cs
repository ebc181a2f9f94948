using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using HappyHorse.Emulator;
using HappyHorse.Input;
using HappyHorse.Preflight;
using Xunit;

namespace HappyHorse.Core.Tests.Preflight;

/// <summary>The batch side: bounded concurrency, one fetch per distinct URL, and problems shaped for New-HHVideoJob.</summary>
public class ReferenceImagePreflightTests : ImageHostTestBase
{
    [Fact]
    public async Task ProblemsNameTheSlotTheUrlAndTheRule()
    {
        using var preflight = new ReferenceImagePreflight();
        string good = Image("good.png"), small = Image("small.jpg", "w=320&h=240"), missing = Image("gone.webp", "status=404");
        var images = new SortedDictionary<int, string> { [1] = good, [3] = small, [4] = missing };

        IReadOnlyList<InputProblem> problems = await preflight.CheckAsync(images, Bounded());

        Assert.Equal(new[] { "image_url_3", "image_url_4" }, problems.Select(p => p.Field));
        Assert.Equal(new[] { small, missing }, problems.Select(p => p.Value));
        Assert.StartsWith($"image_url_3 '{small}' fails MinShortSide: it is 320x240 px", problems[0].Message);
        Assert.StartsWith($"image_url_4 '{missing}' fails Reachable: it was not found", problems[1].Message);
    }

    [Fact]
    public async Task UrlsInOrderAreSlotsFromOneAndGoodImagesGiveNoProblems()
    {
        using var preflight = new ReferenceImagePreflight();
        Assert.Empty(await preflight.CheckAsync(new[] { Image("a.png"), Image("b.jpg"), Image("c.webp") }, Bounded()));

        var problems = await preflight.CheckAsync(new[] { Image("a.png"), Image("d.jpg", "format=gif") }, Bounded());
        Assert.Equal("image_url_2", Assert.Single(problems).Field);
        Assert.Equal(4, ImageRequests); // a.png was remembered from the first call
    }

    [Fact]
    public async Task EachDistinctUrlIsFetchedOnceAcrossRows()
    {
        using var preflight = new ReferenceImagePreflight();
        string shared = Image("hero.png"), bad = Image("villain.png", "w=100&h=100");
        var rows = Enumerable.Range(0, 200).Select(i => preflight.CheckAsync(new[] { shared, bad }, Bounded())).ToArray();
        var results = await Task.WhenAll(rows);
        Assert.All(results, r => Assert.Equal("image_url_2", Assert.Single(r).Field));
        Assert.Equal(2, ImageRequests);
    }

    [Fact]
    public async Task NoMoreThanMaxConcurrencyRequestsAtOnce()
    {
        Host.Options.Faults.SetLatency(EmulatorEndpoint.Image, 50);
        using var checker = new ReferenceImageChecker(new PreflightOptions { MaxConcurrency = 3 });
        var checks = Enumerable.Range(0, 15).Select(i => checker.CheckAsync(Image($"img{i}.png"), Bounded())).ToArray();
        var results = await Task.WhenAll(checks);
        Assert.All(results, r => Assert.True(r.Passed, r.Describe()));
        Assert.Equal(15, ImageRequests);
        Assert.InRange(Host.Accounting.PeakConcurrentRequests, 1, 3);
    }

    [Fact]
    public async Task ACancelledCheckIsForgottenAndCanBeRunAgain()
    {
        Host.Options.Faults.SetLatency(EmulatorEndpoint.Image, 10_000);
        using var checker = new ReferenceImageChecker();
        using var cancel = new System.Threading.CancellationTokenSource();
        var slow = checker.CheckAsync(Image("slow.png"), cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Assert.Equal(0, checker.DistinctUrls);

        Host.Options.Faults.SetLatency(EmulatorEndpoint.Image, 0);
        var again = await checker.CheckAsync(Image("slow.png"), Bounded());
        Assert.True(again.Passed, again.Describe());
    }
}
