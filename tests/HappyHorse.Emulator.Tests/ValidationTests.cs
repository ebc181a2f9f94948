namespace HappyHorse.Emulator.Tests;

/// <summary>Each input rule of the reference-to-video schema, and that detail lists every violation at once.</summary>
public sealed class ValidationTests
{
    private const string Image = "\"image_url_1\": \"https://example.com/a.png\"";

    [Theory]
    [InlineData("""{"prompt": "p"}""", "image_url_1", "is required")]
    [InlineData("""{"image_url_1": "https://example.com/a.png"}""", "prompt", "is required")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": ""}""", "prompt", "must not be empty")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "   "}""", "prompt", "must not be empty")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": 5}""", "prompt", "must be a string")]
    [InlineData("""{"image_url_1": 7, "prompt": "p"}""", "image_url_1", "must be a string")]
    [InlineData("""{"image_url_1": "http://example.com/a.png", "prompt": "p"}""", "image_url_1", "must be an absolute https URL")]
    [InlineData("""{"image_url_1": "/a.png", "prompt": "p"}""", "image_url_1", "must be an absolute https URL")]
    [InlineData("""{"image_url_1": "", "prompt": "p"}""", "image_url_1", "must not be empty")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "image_url_5": "ftp://x/y.png", "prompt": "p"}""", "image_url_5", "must be an absolute https URL")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "image_url_3": null, "prompt": "p"}""", "image_url_3", "must be a string")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "image_url_10": "https://example.com/b.png", "prompt": "p"}""", "image_url_10", "is not a field")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "negative_prompt": "x"}""", "negative_prompt", "is not a field")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "aspect_ratio": "21:9"}""", "aspect_ratio", "must be one of")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "resolution": "4K"}""", "resolution", "must be one of")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "resolution": "1080p"}""", "resolution", "must be one of")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "duration": "7"}""", "duration", "must be an integer")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "duration": 7.5}""", "duration", "must be an integer")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "duration": 2}""", "duration", "must be between 3 and 15")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "duration": 16}""", "duration", "must be between 3 and 15")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "seed": -1}""", "seed", "must be between 0 and 2147483647")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "seed": 2147483648}""", "seed", "must be between 0 and 2147483647")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "seed": "1"}""", "seed", "must be an integer")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "watermark": "false"}""", "watermark", "must be a boolean")]
    [InlineData("""{"image_url_1": "https://example.com/a.png", "prompt": "p", "watermark": 0}""", "watermark", "must be a boolean")]
    [InlineData("""[1, 2]""", "body", "must be a JSON object")]
    [InlineData("""{"prompt": """, "body", "is not valid JSON")]
    public async Task Each_rule_reports_its_field(string body, string field, string message)
    {
        await using Harness h = await Harness.StartAsync();
        JsonElement violation = Assert.Single(await ViolationsAsync(h, body));
        Assert.Equal(field, violation.GetProperty("field").GetString());
        Assert.Contains(message, violation.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Prompt_limits_are_5000_characters_and_2500_with_chinese()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        await h.SubmitAsync($$"""{{{Image}}, "prompt": "{{new string('a', 5000)}}"}""");
        await h.SubmitAsync($$"""{{{Image}}, "prompt": "{{new string('马', 2500)}}"}""");

        JsonElement tooLong = Assert.Single(await ViolationsAsync(h, $$"""{{{Image}}, "prompt": "{{new string('a', 5001)}}"}"""));
        Assert.Contains("5000", tooLong.GetProperty("message").GetString());
        Assert.False(tooLong.TryGetProperty("value", out _)); // long values are not echoed back

        JsonElement chinese = Assert.Single(await ViolationsAsync(h, $$"""{{{Image}}, "prompt": "character1 {{new string('马', 2500)}}"}"""));
        Assert.Equal("prompt", chinese.GetProperty("field").GetString());
        Assert.Contains("2500", chinese.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Optional_images_may_be_any_subset_and_all_valid_fields_are_accepted()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        await h.SubmitAsync($$"""{{{Image}}, "image_url_4": "https://example.com/4.webp", "image_url_9": "https://example.com/9.jpg", "image_url_2": "", "prompt": "character1 meets character4", "aspect_ratio": "9:16", "resolution": "720P", "duration": 15, "seed": 2147483647, "watermark": true}""");
        await h.SubmitAsync($$"""{{{Image}}, "prompt": "p", "duration": 3, "seed": 0, "watermark": false, "aspect_ratio": "3:4", "resolution": "1080P"}""");
        Assert.Equal(2, h.Server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task Detail_lists_every_violation_with_field_and_value()
    {
        await using Harness h = await Harness.StartAsync();
        JsonElement[] detail = await ViolationsAsync(h,
            """{"prompt": "", "duration": "7", "image_url_2": "http://x", "foo": 1, "seed": -1, "aspect_ratio": "2:1", "resolution": "8K", "watermark": "no"}""");
        Assert.Equal(
            new[] { "aspect_ratio", "duration", "foo", "image_url_1", "image_url_2", "prompt", "resolution", "seed", "watermark" },
            detail.Select(d => d.GetProperty("field").GetString()).OrderBy(f => f, StringComparer.Ordinal));
        Assert.Equal("7", detail.Single(d => d.GetProperty("field").GetString() == "duration").GetProperty("value").GetString());
        Assert.Equal(-1, detail.Single(d => d.GetProperty("field").GetString() == "seed").GetProperty("value").GetInt32());
        Assert.All(detail, d => Assert.False(string.IsNullOrEmpty(d.GetProperty("message").GetString())));
        Assert.Equal(1, h.Server.Accounting.RejectedSubmissions);
        Assert.Empty(h.Server.SubmittedBodies);
    }

    private static async Task<JsonElement[]> ViolationsAsync(Harness h, string body)
    {
        using HttpResponseMessage response = await h.SubmitRawAsync(body);
        JsonElement json = await Harness.JsonAsync(response, (HttpStatusCode)422);
        Assert.Equal(400003, json.GetProperty("error_code").GetInt32());
        return json.GetProperty("detail").EnumerateArray().ToArray();
    }
}
