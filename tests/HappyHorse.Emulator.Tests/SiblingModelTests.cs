namespace HappyHorse.Emulator.Tests;

/// <summary>The catalog, generation time and pricing of the four HappyHorse 1.0 models.</summary>
public sealed class SiblingModelTests
{
    internal const string TextToVideo = "happyhorse/happyhorse-1.0/text-to-video";
    internal const string ImageToVideo = "happyhorse/happyhorse-1.0/image-to-video";
    internal const string VideoEdit = "happyhorse/happyhorse-1.0/video-edit";
    internal const string TextBody = """{"prompt": "a horse gallops along a beach at dawn"}""";
    internal const string ImageBody = """{"image_url": "https://example.com/first-frame.png"}""";
    internal const string EditBody = """{"video_url": "https://example.com/clip.mp4", "prompt": "make it snow"}""";

    [Theory]
    [InlineData(Harness.Model, "0.12", "second", "image_url_1,prompt", "aspect_ratio,duration,image_url_9", "image_url_10,video_url")]
    [InlineData(TextToVideo, "0.10", "second", "prompt", "aspect_ratio,resolution,duration,seed,watermark", "image_url,image_url_1,video_url")]
    [InlineData(ImageToVideo, "0.10", "second", "image_url", "prompt,resolution,duration,seed,watermark", "aspect_ratio,image_url_1,video_url")]
    [InlineData(VideoEdit, "0.50", "request", "video_url,prompt", "resolution,seed,watermark", "duration,aspect_ratio,image_url")]
    public async Task Catalog_entry_has_price_unit_and_the_models_own_schema(string model, string price, string unit, string required, string present, string absent)
    {
        await using Harness h = await Harness.StartAsync();
        JsonElement entry = await h.GetJsonAsync($"{h.Base}/models/{model}");
        Assert.Equal(
            new[] { "base_price_usd", "categories", "display_name", "input_schema", "model_id", "output_schema", "price_unit" },
            entry.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(model, entry.GetProperty("model_id").GetString());
        Assert.StartsWith("HappyHorse 1.0 ", entry.GetProperty("display_name").GetString());
        Assert.EndsWith("video", Assert.Single(entry.GetProperty("categories").EnumerateArray()).GetString()); // what RunComfy's nodes read the output type from
        Assert.Equal(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), entry.GetProperty("base_price_usd").GetDecimal());
        Assert.Equal(unit, entry.GetProperty("price_unit").GetString());

        JsonElement input = entry.GetProperty("input_schema");
        Assert.Equal("object", input.GetProperty("type").GetString());
        Assert.Equal(required.Split(','), input.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        JsonElement properties = input.GetProperty("properties");
        Assert.All(present.Split(','), name => Assert.True(properties.TryGetProperty(name, out _), name));
        Assert.All(absent.Split(','), name => Assert.False(properties.TryGetProperty(name, out _), name));
        Assert.True(entry.GetProperty("output_schema").GetProperty("properties").TryGetProperty("video", out _));
    }

    [Fact]
    public async Task Price_settings_reach_only_the_models_they_name()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { BasePriceUsd = 0.30m });
        h.Server.Options.ModelPrices[VideoEdit] = 2.25m;
        Assert.Equal(0.30m, await PriceAsync(h, Harness.Model));
        Assert.Equal(0.10m, await PriceAsync(h, TextToVideo));
        Assert.Equal(2.25m, await PriceAsync(h, VideoEdit));

        h.Server.Options.ModelPrices[Harness.Model] = 0.07m; // a per-model price wins over BasePriceUsd
        Assert.Equal(0.07m, await PriceAsync(h, Harness.Model));
    }

    [Theory]
    [InlineData(TextToVideo, TextBody)]
    [InlineData(ImageToVideo, ImageBody)]
    [InlineData(VideoEdit, EditBody)]
    public async Task Valid_submit_runs_to_succeeded_with_a_video(string model, string body)
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0.001 });
        string id = await h.SubmitAsync(body, model);
        await h.WaitForStateAsync(id, "succeeded");
        JsonElement result = await h.ResultAsync(id);
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal($"{h.Root}/files/{id}.mp4", result.GetProperty("output").GetProperty("video").GetString());
        Assert.Equal(body, Assert.Single(h.Server.SubmittedBodies));
    }

    [Theory]
    [InlineData(TextToVideo, """{"prompt": "p", "duration": 8}""", 8)]
    [InlineData(TextToVideo, TextBody, 5)]                                        // the schema's default duration
    [InlineData(ImageToVideo, """{"image_url": "https://example.com/a.png", "duration": 12}""", 12)]
    [InlineData(VideoEdit, EditBody, 5)]                                          // no duration: a fixed 5 s
    public async Task Generation_time_follows_duration_or_five_seconds(string model, string body, int seconds)
    {
        var clock = new ManualTimeProvider();
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0.5, TimeProvider = clock });
        string id = await h.SubmitAsync(body, model);
        clock.Advance(TimeSpan.FromSeconds(seconds * 0.5 - 0.1));
        Assert.Equal("in_progress", h.Server.GetJobState(id));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("succeeded", h.Server.GetJobState(id));
    }

    [Theory]
    [InlineData(TextToVideo, """{"prompt": "p", "duration": 10}""", "1.00")]   // 0.10 per second × 10
    [InlineData(TextToVideo, TextBody, "0.50")]                                // × the default 5
    [InlineData(ImageToVideo, """{"image_url": "https://example.com/a.png", "duration": 12}""", "1.20")]
    [InlineData(VideoEdit, EditBody, "0.50")]                                  // flat per request
    [InlineData(Harness.Model, """{"prompt": "p", "image_url_1": "https://example.com/a.png", "duration": 3}""", "0.36")]
    public async Task Result_cost_uses_the_models_price_unit(string model, string body, string cost)
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0 });
        string id = await h.SubmitAsync(body, model);
        h.Server.Options.ModelPrices[model] = 9m; // the price at submission is what was charged
        await h.WaitForStateAsync(id, "succeeded");
        JsonElement result = await h.ResultAsync(id, "?include_cost=true");
        Assert.Equal(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), result.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task Balance_is_charged_per_request_or_per_second()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { BalanceUsd = 1.30m, TimeScale = 1000 });
        await h.SubmitAsync(EditBody, VideoEdit);                                                           // 0.50
        await h.SubmitAsync("""{"video_url": "https://example.com/b.mp4", "prompt": "rain"}""", VideoEdit); // 1.00
        await h.SubmitAsync("""{"prompt": "p", "duration": 3}""", TextToVideo);                            // 1.30: all of it
        foreach ((string model, string body) in new[] { (VideoEdit, EditBody), (TextToVideo, """{"prompt": "q", "duration": 3}""") })
        {
            using HttpResponseMessage refused = await h.SubmitRawAsync(body, model);
            Assert.Equal(400002, (await Harness.JsonAsync(refused, HttpStatusCode.PaymentRequired)).GetProperty("error_code").GetInt32());
        }
        Assert.Equal(3, h.Server.Accounting.AcceptedSubmissions);
    }

    [Theory]
    [InlineData("happyhorse/happyhorse-1.0/text-to-image")]
    [InlineData("happyhorse/happyhorse-1.0/video-edit/extra")]
    [InlineData("happyhorse/happyhorse-1.0/Text-To-Video")]
    public async Task Unknown_model_ids_stay_400001(string model)
    {
        await using Harness h = await Harness.StartAsync();
        using HttpResponseMessage submit = await h.SubmitRawAsync(TextBody, model);
        Assert.Equal(400001, (await Harness.JsonAsync(submit, HttpStatusCode.BadRequest)).GetProperty("error_code").GetInt32());
        JsonElement catalog = await h.GetJsonAsync($"{h.Base}/models/{model}", HttpStatusCode.BadRequest);
        Assert.Equal(400001, catalog.GetProperty("error_code").GetInt32());
    }

    private static async Task<decimal> PriceAsync(Harness h, string model) =>
        (await h.GetJsonAsync($"{h.Base}/models/{model}")).GetProperty("base_price_usd").GetDecimal();
}
