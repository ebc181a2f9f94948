using System.Linq;
using System.Text.Json;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>Import-Csv-shaped rows through New-HHVideoJob | Wait-HHJob against the emulator.</summary>
public class CsvPipelineTests : ModuleTestBase
{
    private const string Csv = """
        name,prompt,image_url_1,image_url_2,aspect_ratio,resolution,duration,seed,watermark
        intro,character1 waves at character2,https://img.example/a.png,https://img.example/b.png,9:16,720p,7,42,false
        outro,character1 bows,https://img.example/c.png,,,,,,
        """;

    [Fact]
    public void CsvRowsBecomeJobsAndResultsThatKeepTheirRows()
    {
        var rows = CsvRows.Parse(Csv);
        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1", ("rows", rows));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var results = result.Objects<HHJobResult>().ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("succeeded", r.Status));
        Assert.All(results, r => Assert.StartsWith(Emulator.RootUri.AbsoluteUri, r.VideoUrl));
        Assert.All(results, r => Assert.NotNull(r.FinishedAt));
        var names = results.Select(r => r.Job!.InputObject!.Properties["name"].Value).OrderBy(n => n).ToArray();
        Assert.Equal(new object[] { "intro", "outro" }, names);
        Assert.Equal(2, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void CsvStringsBindAsTypesAndEmptyCellsAreLeftOut()
    {
        var rows = CsvRows.Parse(Csv);
        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("rows", rows));
        Assert.True(result.Errors.Count == 0, result.ErrorText);

        var bodies = Emulator.SubmittedBodies.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.Equal(2, bodies.Count);
        var first = bodies.Single(b => b.GetProperty("prompt").GetString()!.Contains("waves"));
        Assert.Equal(7, first.GetProperty("duration").GetInt32());
        Assert.Equal(42, first.GetProperty("seed").GetInt32());
        Assert.Equal("720P", first.GetProperty("resolution").GetString());
        Assert.Equal("9:16", first.GetProperty("aspect_ratio").GetString());
        Assert.False(first.TryGetProperty("watermark", out _), "watermark 'false' must not be sent as true");

        var second = bodies.Single(b => b.GetProperty("prompt").GetString() == "character1 bows");
        Assert.Equal(new[] { "image_url_1", "prompt" }, second.EnumerateObject().Select(p => p.Name).OrderBy(n => n).ToArray());
    }

    [Fact]
    public void ALaterRowDoesNotInheritColumnsFromAnEarlierRow()
    {
        var rows = new[]
        {
            CsvRows.Row(("prompt", "one"), ("image_url_1", "https://img.example/1.png"), ("image_url_2", "https://img.example/2.png"), ("duration", "9"), ("watermark", "true")),
            CsvRows.Row(("Prompt", "two"), ("ImageUrl1", "https://img.example/3.png")),
        };
        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("rows", rows));
        Assert.True(result.Errors.Count == 0, result.ErrorText);

        var second = JsonDocument.Parse(Emulator.SubmittedBodies.Single(b => b.Contains("\"two\""))).RootElement;
        Assert.Equal(new[] { "image_url_1", "prompt" }, second.EnumerateObject().Select(p => p.Name).OrderBy(n => n).ToArray());
        var first = JsonDocument.Parse(Emulator.SubmittedBodies.Single(b => b.Contains("\"one\""))).RootElement;
        Assert.True(first.GetProperty("watermark").GetBoolean());
        Assert.Equal(9, first.GetProperty("duration").GetInt32());
    }

    [Fact]
    public void CommandLineValuesApplyToEveryRowAndJobsCarryTheirInput()
    {
        var rows = CsvRows.Parse("""
            prompt,image_url_1
            a,https://img.example/1.png
            b,https://img.example/2.png
            """);
        var result = Run("$rows | New-HHVideoJob -Resolution 720P -Duration 3 -Token $Token -BaseUri $BaseUri", ("rows", rows));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var jobs = result.Objects<HHVideoJob>().ToList();
        Assert.Equal(new[] { 1, 2 }, jobs.Select(j => j.Index).OrderBy(i => i).ToArray()); // completion order; Index ties each to its row
        Assert.All(jobs, j => Assert.Equal("720P", j.Input["resolution"]));
        Assert.All(jobs, j => Assert.Equal(3L, j.Input["duration"]));
        Assert.All(jobs, j => Assert.Equal("happyhorse/happyhorse-1.0/reference-to-video", j.Model));
        Assert.All(jobs, j => Assert.False(string.IsNullOrEmpty(j.RequestId)));
    }

    [Fact]
    public void ImageUrlArrayFillsTheSlotsInOrder()
    {
        var result = Run("New-HHVideoJob -Prompt 'character2 meets character1' -ImageUrl 'https://i.example/a.png','https://i.example/b.png' -Token $Token -BaseUri $BaseUri");
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var body = JsonDocument.Parse(Assert.Single(Emulator.SubmittedBodies)).RootElement;
        Assert.Equal("https://i.example/a.png", body.GetProperty("image_url_1").GetString());
        Assert.Equal("https://i.example/b.png", body.GetProperty("image_url_2").GetString());
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void GetStatusAndResultReadJobsFromThePipeline()
    {
        var result = Run("""
            $job = New-HHVideoJob -Prompt 'character1 runs' -ImageUrl 'https://i.example/a.png' -Token $Token -BaseUri $BaseUri
            $job | Wait-HHJob -PollInterval 1 | Out-Null
            $job | Get-HHJobStatus -Token $Token
            $job.RequestId | Get-HHJobResult -Token $Token -BaseUri $BaseUri
            [pscustomobject]@{ request_id = $job.RequestId } | Get-HHJobStatus -Token $Token -BaseUri $BaseUri
            """);
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var statuses = result.Objects<HHJobStatus>().ToList();
        Assert.Equal(2, statuses.Count);
        Assert.All(statuses, s => Assert.Equal("completed", s.Status));
        Assert.All(statuses, s => Assert.Null(s.QueuePosition));
        var final = Assert.Single(result.Objects<HHJobResult>());
        Assert.Equal("succeeded", final.Status);
        Assert.NotNull(final.VideoUrl);
    }
}
