using System.Linq;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>New-HHVideoJob -Preflight: rows whose reference images would be rejected are never paid for.</summary>
public class PreflightTests : ModuleTestBase
{
    private string Image(string name, string query = "") =>
        $"{Emulator.RootUri.AbsoluteUri.TrimEnd('/')}/images/{name}{(query.Length > 0 ? "?" + query : "")}";

    [Fact]
    public void RowsWithBadImagesAreNotSubmittedAndGoodRowsStillGo()
    {
        var rows = new[]
        {
            CsvRows.Row(("name", "good"), ("prompt", "character1 and character2 dance"), ("image_url_1", Image("a.png", "w=800&h=600")), ("image_url_2", Image("b.jpg", "w=1280&h=720"))),
            CsvRows.Row(("name", "lying"), ("prompt", "character1 waves"), ("image_url_1", Image("c.jpg", "format=html"))),
            CsvRows.Row(("name", "small"), ("prompt", "character1 waves"), ("image_url_1", Image("d.png", "w=300&h=900"))),
            CsvRows.Row(("name", "huge"), ("prompt", "character1 waves"), ("image_url_1", Image("e.png", "size=11534336"))),
            CsvRows.Row(("name", "missing"), ("prompt", "character1 waves"), ("image_url_1", Image("f.png", "status=404"))),
            CsvRows.Row(("name", "private"), ("prompt", "character1 waves"), ("image_url_1", Image("g.png", "auth=basic"))),
            CsvRows.Row(("name", "second bad"), ("prompt", "character1 waves at character2"), ("image_url_1", Image("h.webp", "w=640&h=640")), ("image_url_2", Image("i.gif"))),
        };
        var result = Run("$rows | New-HHVideoJob -Preflight -Token $Token -BaseUri $BaseUri", ("rows", rows));

        var job = Assert.Single(result.Objects<HHVideoJob>());
        Assert.Equal("good", job.InputObject!.Properties["name"].Value);
        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(6, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("HappyHorse.PreflightFailed", e.FullyQualifiedErrorId));
        string Text(int row) => result.Errors.Single(e => e.ToString().StartsWith($"Row {row} ")).ToString();
        Assert.Contains("Format", Text(2));
        Assert.Contains("MinShortSide", Text(3));
        Assert.Contains("MaxSize", Text(4));
        Assert.Contains("Reachable", Text(5));
        Assert.Contains("Anonymous", Text(6));
        Assert.Contains("image_url_2", Text(7));
        Assert.Equal(0, Emulator.Accounting.ImageRequestsWithAuthorizationHeader);
        Assert.True(Emulator.Accounting.ImageBytesSent < 2 * 1024 * 1024, $"{Emulator.Accounting.ImageBytesSent} image bytes sent");
    }

    [Fact]
    public void WithoutPreflightTheSameRowsAreSentAsTheyAre()
    {
        var rows = new[] { CsvRows.Row(("prompt", "character1 waves"), ("image_url_1", Image("d.png", "w=300&h=900"))) };
        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("rows", rows));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(0, Emulator.Accounting.RequestCount(HappyHorse.Emulator.EmulatorEndpoint.Image));
        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void LoopbackHttpImagesAreRefusedWhenTheServiceIsNotLocal()
    {
        var result = Run("New-HHVideoJob -Prompt 'character1' -ImageUrl 'http://127.0.0.1/x.png' -Token $Token -BaseUri 'https://model-api.runcomfy.net/v1' -WhatIf");
        Assert.Contains("https", Assert.Single(result.Errors).ToString());
    }
}
