using System.Linq;
using System.Text.Json;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>New-HHModelJob: any model, inputs checked against the catalog's schema, the same waiting and journal.</summary>
public class NewHHModelJobTests : ModuleTestBase
{
    private const string TextToVideo = "happyhorse/happyhorse-1.0/text-to-video";
    private const string ImageToVideo = "happyhorse/happyhorse-1.0/image-to-video";
    private const string VideoEdit = "happyhorse/happyhorse-1.0/video-edit";

    [Fact]
    public void ATextToVideoJobRunsEndToEndFromAHashtable()
    {
        var result = Run($"New-HHModelJob -Model {TextToVideo} -InputObject @{{ prompt = 'a horse gallops along a beach at dawn'; duration = 4; resolution = '720p' }} -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1");
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var done = Assert.Single(result.Objects<HHJobResult>());
        Assert.Equal("succeeded", done.Status);
        Assert.StartsWith(Emulator.RootUri.AbsoluteUri, done.VideoUrl);
        Assert.Equal(TextToVideo, done.Job!.Model);
        var body = JsonDocument.Parse(Assert.Single(Emulator.SubmittedBodies)).RootElement;
        Assert.Equal(4, body.GetProperty("duration").GetInt32());
        Assert.Equal("720P", body.GetProperty("resolution").GetString());
    }

    [Fact]
    public void CsvCellsAreCoercedToTheSchemasTypesAndEmptyCellsLeftOut()
    {
        var rows = CsvRows.Parse("""
            model_id,image_url,prompt,duration,seed,watermark
            happyhorse/happyhorse-1.0/image-to-video,https://img.example/first.png,the camera pulls back,6,,false
            """);
        var result = Run("$rows | New-HHModelJob -Token $Token -BaseUri $BaseUri", ("rows", rows));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(ImageToVideo, Assert.Single(result.Objects<HHVideoJob>()).Model);
        var body = JsonDocument.Parse(Assert.Single(Emulator.SubmittedBodies)).RootElement;
        Assert.Equal(JsonValueKind.Number, body.GetProperty("duration").ValueKind);
        Assert.False(body.GetProperty("watermark").GetBoolean());
        Assert.False(body.TryGetProperty("seed", out _));
        Assert.False(body.TryGetProperty("model_id", out _));
    }

    [Theory]
    [InlineData(ImageToVideo, "@{ image_url = 'https://i.example/a.png'; aspect_ratio = '16:9' }", "aspect_ratio", "not a field of this model")]
    [InlineData(ImageToVideo, "@{ image_url = 'http://i.example/a.png' }", "image_url", "https")]
    [InlineData(TextToVideo, "@{ prompt = 'x'; resolution = '4K' }", "resolution", "720P, 1080P")]
    [InlineData(TextToVideo, "@{ prompt = 'x'; duration = 'seven' }", "duration", "whole number from 3 to 15")]
    [InlineData(TextToVideo, "@{ prompt = 'x'; duration = 16 }", "duration", "from 3 to 15")]
    [InlineData(VideoEdit, "@{ prompt = 'make it snow' }", "video_url", "required")]
    public void SchemaViolationsAreErrorsNamingTheFieldAndNothingIsSent(string model, string inputs, string field, string fragment)
    {
        var result = Run($"New-HHModelJob -Model {model} -InputObject {inputs} -Token $Token -BaseUri $BaseUri");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.InvalidInput", error.FullyQualifiedErrorId);
        Assert.Contains(field, error.ToString());
        Assert.Contains(fragment, error.ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void AFlatPricedModelIsEstimatedPerRequest()
    {
        var result = Run($"New-HHModelJob -Model {VideoEdit} -InputObject @{{ video_url = 'https://v.example/in.mp4'; prompt = 'make it snow' }} -WhatIf -Token $Token -BaseUri $BaseUri");
        Assert.Empty(result.Errors);
        Assert.Equal(0, Submits);
        Assert.Contains("Estimated cost $0.50, running total $0.50.", Shell.Host.Text);
    }

    [Fact]
    public void TheJournalKeepsAReRunFromPayingTwice()
    {
        string journal = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hh-model-" + System.Guid.NewGuid() + ".jsonl");
        try
        {
            string script = $"@(@{{ prompt = 'one' }}, @{{ prompt = 'two' }}) | New-HHModelJob -Model {TextToVideo} -JournalPath $journal -Token $Token -BaseUri $BaseUri";
            var first = Run(script, ("journal", journal));
            var second = Run(script, ("journal", journal));
            Assert.True(first.Errors.Count + second.Errors.Count == 0, first.ErrorText + second.ErrorText);
            Assert.Equal(2, Emulator.Accounting.AcceptedSubmissions);
            Assert.Equal(2, second.Objects<HHVideoJob>().Count());
            Assert.All(second.Objects<HHVideoJob>(), j => Assert.True(j.Resumed));
        }
        finally
        {
            System.IO.File.Delete(journal);
        }
    }
}
