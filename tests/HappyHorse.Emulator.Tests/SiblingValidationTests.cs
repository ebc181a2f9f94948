namespace HappyHorse.Emulator.Tests;

/// <summary>Each sibling model is validated against its own (assumed) schema, not reference-to-video's.</summary>
public sealed class SiblingValidationTests
{
    private const string T2V = SiblingModelTests.TextToVideo;
    private const string I2V = SiblingModelTests.ImageToVideo;
    private const string Edit = SiblingModelTests.VideoEdit;

    [Theory]
    [InlineData(T2V, """{}""", "prompt", "is required")]
    [InlineData(T2V, """{"prompt": ""}""", "prompt", "must not be empty")]
    [InlineData(T2V, """{"prompt": "p", "aspect_ratio": "21:9"}""", "aspect_ratio", "must be one of 16:9, 9:16, 1:1, 4:3, 3:4")]
    [InlineData(T2V, """{"prompt": "p", "resolution": "4K"}""", "resolution", "must be one of 720P, 1080P")]
    [InlineData(T2V, """{"prompt": "p", "duration": 2}""", "duration", "must be between 3 and 15")]
    [InlineData(T2V, """{"prompt": "p", "duration": 16}""", "duration", "must be between 3 and 15")]
    [InlineData(T2V, """{"prompt": "p", "duration": "5"}""", "duration", "must be an integer")]
    [InlineData(T2V, """{"prompt": "p", "seed": 2147483648}""", "seed", "must be between 0 and 2147483647")]
    [InlineData(T2V, """{"prompt": "p", "watermark": "yes"}""", "watermark", "must be a boolean")]
    [InlineData(T2V, """{"prompt": "p", "image_url_1": "https://example.com/a.png"}""", "image_url_1", "is not a field of happyhorse/happyhorse-1.0/text-to-video")]
    [InlineData(T2V, """{"prompt": "p", "image_url": "https://example.com/a.png"}""", "image_url", "is not a field")]
    [InlineData(I2V, """{"prompt": "p"}""", "image_url", "is required")]
    [InlineData(I2V, """{"image_url": ""}""", "image_url", "must not be empty")]
    [InlineData(I2V, """{"image_url": "http://example.com/a.png"}""", "image_url", "must be an absolute https URL")]
    [InlineData(I2V, """{"image_url": "example.com/a.png"}""", "image_url", "must be an absolute https URL")]
    [InlineData(I2V, """{"image_url": "https://example.com/a.png", "aspect_ratio": "16:9"}""", "aspect_ratio", "is not a field of happyhorse/happyhorse-1.0/image-to-video")]
    [InlineData(I2V, """{"image_url": "https://example.com/a.png", "prompt": 5}""", "prompt", "must be a string")]
    [InlineData(I2V, """{"image_url": "https://example.com/a.png", "duration": 20}""", "duration", "must be between 3 and 15")]
    [InlineData(I2V, """{"image_url": "https://example.com/a.png", "resolution": "480P"}""", "resolution", "must be one of")]
    [InlineData(Edit, """{"prompt": "p"}""", "video_url", "is required")]
    [InlineData(Edit, """{"video_url": "https://example.com/v.mp4"}""", "prompt", "is required")]
    [InlineData(Edit, """{"video_url": "ftp://example.com/v.mp4", "prompt": "p"}""", "video_url", "must be an absolute https URL")]
    [InlineData(Edit, """{"video_url": "https://example.com/v.mp4", "prompt": "  "}""", "prompt", "must not be empty")]
    [InlineData(Edit, """{"video_url": "https://example.com/v.mp4", "prompt": "p", "duration": 5}""", "duration", "is not a field of happyhorse/happyhorse-1.0/video-edit")]
    [InlineData(Edit, """{"video_url": "https://example.com/v.mp4", "prompt": "p", "aspect_ratio": "16:9"}""", "aspect_ratio", "is not a field")]
    [InlineData(Edit, """{"video_url": "https://example.com/v.mp4", "prompt": "p", "seed": 1.5}""", "seed", "must be an integer")]
    [InlineData(Edit, """{"video_url": "https://example.com/v.mp4", "prompt": "p", "resolution": "1080p"}""", "resolution", "must be one of")]
    public async Task Each_rule_reports_its_field(string model, string body, string field, string message)
    {
        await using Harness h = await Harness.StartAsync();
        JsonElement violation = Assert.Single(await ViolationsAsync(h, model, body));
        Assert.Equal(field, violation.GetProperty("field").GetString());
        Assert.Contains(message, violation.GetProperty("message").GetString());
        Assert.Empty(h.Server.SubmittedBodies);
    }

    [Theory]
    [InlineData(T2V, "")]
    [InlineData(I2V, "\"image_url\": \"https://example.com/a.png\", ")]
    [InlineData(Edit, "\"video_url\": \"https://example.com/v.mp4\", ")]
    public async Task Prompt_limits_are_5000_characters_and_2500_with_chinese(string model, string otherFields)
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        string Body(string prompt) => $$"""{{{otherFields}}"prompt": "{{prompt}}"}""";
        await h.SubmitAsync(Body(new string('a', 5000)), model);
        await h.SubmitAsync(Body(new string('马', 2500)), model);

        JsonElement tooLong = Assert.Single(await ViolationsAsync(h, model, Body(new string('a', 5001))));
        Assert.Equal("prompt", tooLong.GetProperty("field").GetString());
        Assert.Contains("at most 5000", tooLong.GetProperty("message").GetString());

        JsonElement chinese = Assert.Single(await ViolationsAsync(h, model, Body("x" + new string('马', 2500))));
        Assert.Equal("prompt", chinese.GetProperty("field").GetString());
        Assert.Contains("2500", chinese.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Every_documented_field_is_accepted_and_an_optional_prompt_may_be_left_out_or_empty()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        await h.SubmitAsync("""{"prompt": "p", "aspect_ratio": "3:4", "resolution": "720P", "duration": 15, "seed": 2147483647, "watermark": true}""", T2V);
        await h.SubmitAsync("""{"image_url": "https://example.com/a.png", "prompt": "pan left", "resolution": "1080P", "duration": 3, "seed": 0, "watermark": false}""", I2V);
        await h.SubmitAsync("""{"image_url": "https://example.com/a.png", "prompt": ""}""", I2V);
        await h.SubmitAsync("""{"video_url": "https://example.com/v.mp4", "prompt": "p", "resolution": "720P", "seed": 7, "watermark": true}""", Edit);
        Assert.Equal(4, h.Server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task Detail_lists_every_violation_of_a_sibling_at_once()
    {
        await using Harness h = await Harness.StartAsync();
        JsonElement[] detail = await ViolationsAsync(h, Edit,
            """{"video_url": "http://example.com/v.mp4", "duration": 5, "image_url_1": "https://example.com/a.png", "seed": -3, "watermark": 1}""");
        Assert.Equal(
            new[] { "duration", "image_url_1", "prompt", "seed", "video_url", "watermark" },
            detail.Select(d => d.GetProperty("field").GetString()).OrderBy(f => f, StringComparer.Ordinal));
        Assert.Equal(-3, detail.Single(d => d.GetProperty("field").GetString() == "seed").GetProperty("value").GetInt32());
    }

    private static async Task<JsonElement[]> ViolationsAsync(Harness h, string model, string body)
    {
        using HttpResponseMessage response = await h.SubmitRawAsync(body, model);
        JsonElement json = await Harness.JsonAsync(response, (HttpStatusCode)422);
        Assert.Equal(400003, json.GetProperty("error_code").GetInt32());
        return json.GetProperty("detail").EnumerateArray().ToArray();
    }
}
