using System.Linq;
using System.Management.Automation;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>One rule per case: the bad row is an error naming the field and value, and nothing reaches the wire.</summary>
public class ValidationTests : ModuleTestBase
{
    private const string Good = "https://img.example/a.png";

    public static TheoryData<string, string, string, string> BadCells => new()
    {
        // column, value, text the error must contain (field), text naming what is allowed
        { "duration", "abc", "duration 'abc'", "3 to 15" },
        { "duration", "20", "duration 20", "3 to 15" },
        { "duration", "2", "duration 2", "3 to 15" },
        { "duration", "7.5", "duration '7.5'", "whole number" },
        { "seed", "-1", "seed -1", "0 to 2147483647" },
        { "seed", "99999999999", "seed 99999999999", "0 to 2147483647" },
        { "aspect_ratio", "2:1", "aspect_ratio '2:1'", "16:9, 9:16, 1:1, 4:3, 3:4" },
        { "resolution", "4K", "resolution '4K'", "720P, 1080P" },
        { "watermark", "maybe", "watermark 'maybe'", "true or false" },
        { "prompt", "", "prompt is empty", "1 to 5000" },
        { "prompt", "   ", "prompt is empty", "1 to 5000" },
        { "prompt", new string('a', 5001), "prompt has 5001 characters", "at most 5000" },
        { "prompt", new string('马', 2501), "prompt has 2501 characters", "at most 2500" },
        { "prompt", "bell\u0007 rings", "control character", "text, tabs and line breaks" },
        { "image_url_1", "http://img.example/a.png", "image_url_1 'http://img.example/a.png'", "https:// only" },
        { "image_url_1", "https://img.example/my photo.png", "image_url_1", "encode spaces" },
        { "image_url_1", "C:\\images\\a.png", "local file path", "https://" },
        { "image_url_1", "/home/me/a.png", "local file path", "https://" },
        { "image_url_1", "img.example/a.png", "not an absolute URL", "https://" },
        { "image_url_1", "https://user:pw@img.example/a.png", "user name or password", "needs no login" },
        { "image_url_1", "", "image_url_1 is missing", "1 to 9 reference images" },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void ABadCellIsAnErrorForItsRowAndNothingIsSent(string column, string value, string names, string allowed)
    {
        var row = CsvRows.Row(("prompt", "character1 smiles"), ("image_url_1", Good));
        row.Properties.Remove(column);
        row.Properties.Add(new PSNoteProperty(column, value));

        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Contains(names, error.ToString());
        Assert.Contains(allowed, error.ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void BadRowsAreReportedAndGoodRowsOfTheSamePipelineStillGo()
    {
        var rows = CsvRows.Parse($"""
            prompt,image_url_1,duration,aspect_ratio
            good one,{Good},5,16:9
            bad duration,{Good},99,
            bad ratio,{Good},,21:9
            good two,{Good},,
            """);
        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("rows", rows));
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal(new[] { 1, 4 }, result.Objects<HHVideoJob>().Select(j => j.Index).OrderBy(i => i).ToArray()); // completion order; Index ties each job to its row
        Assert.Equal(2, Submits);
    }

    [Fact]
    public void TenImagesAreRejected()
    {
        var result = Run("New-HHVideoJob -Prompt p -ImageUrl (1..10 | ForEach-Object { \"https://i.example/$_.png\" }) -Token $Token -BaseUri $BaseUri");
        var error = Assert.Single(result.Errors);
        Assert.Contains("image_url_10", error.ToString());
        Assert.Contains("at most 9", error.ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void OptionalImageWithoutTheFirstIsRejected()
    {
        var row = CsvRows.Row(("prompt", "p"), ("image_url_1", ""), ("image_url_2", Good));
        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));
        Assert.Contains("image_url_1 is missing", Assert.Single(result.Errors).ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void BothImageUrlAndColumnsIsAnError()
    {
        var row = CsvRows.Row(("prompt", "p"), ("ImageUrl", Good), ("image_url_2", Good));
        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));
        Assert.Contains("both given", Assert.Single(result.Errors).ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void ARowWithNoPromptColumnIsAnError()
    {
        var row = CsvRows.Row(("image_url_1", Good));
        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));
        Assert.Contains("Prompt", Assert.Single(result.Errors).ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void ErrorsCarryCategoryIdAndTheRow()
    {
        var row = CsvRows.Row(("prompt", ""), ("image_url_1", Good));
        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("HappyHorse.InvalidInput", error.FullyQualifiedErrorId);
        Assert.Same(row, error.TargetObject);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
    }

    [Fact]
    public void CharacterBeyondTheImagesIsAWarningNotAnError()
    {
        var result = Run("New-HHVideoJob -Prompt 'character1 hugs character3' -ImageUrl 'https://i.example/a.png' -Token $Token -BaseUri $BaseUri");
        Assert.Empty(result.Errors);
        Assert.Contains("character3", Assert.Single(result.Warnings));
        Assert.Equal(1, Submits);
    }

    [Fact]
    public void ValuesAreNormalisedToTheSchemaSpelling()
    {
        var row = CsvRows.Row(("prompt", "p"), ("image_url_1", Good), ("resolution", "1080p"), ("watermark", "TRUE"), ("duration", " 15 "));
        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var job = Assert.Single(result.Objects<HHVideoJob>());
        Assert.Equal("1080P", job.Input["resolution"]);
        Assert.Equal(true, job.Input["watermark"]);
        Assert.Equal(15L, job.Input["duration"]);
    }

    [Fact]
    public void WhatIfShowsTheExactBodyAndSendsNothing()
    {
        var result = Run("New-HHVideoJob -Prompt 'character1 jumps' -ImageUrl 'https://i.example/a.png' -Duration 4 -WhatIf -Token $Token -BaseUri $BaseUri");
        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(0, Submits);
        string shown = Shell.Host.Text;
        Assert.Contains("What if:", shown);
        Assert.Contains("happyhorse/happyhorse-1.0/reference-to-video", shown);
        int start = shown.IndexOf('{'), end = shown.LastIndexOf('}');
        using var body = System.Text.Json.JsonDocument.Parse(shown.Substring(start, end - start + 1));
        Assert.Equal("character1 jumps", body.RootElement.GetProperty("prompt").GetString());
        Assert.Equal("https://i.example/a.png", body.RootElement.GetProperty("image_url_1").GetString());
        Assert.Equal(4, body.RootElement.GetProperty("duration").GetInt32());
        Assert.Equal(3, body.RootElement.EnumerateObject().Count());
    }
}
