namespace HappyHorse.Emulator.Tests;

/// <summary>
/// The dialects RunComfy's own clients meet where the documentation says otherwise: /result saying
/// completed, the canceled spelling, cancel answers saying cancellation_requested or only an outcome.
/// </summary>
public sealed class DialectTests
{
    [Fact]
    public async Task Result_success_word_completed_replaces_succeeded_only_on_a_finished_job_with_a_video()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0, ResultSuccessWord = Dialect.Completed });
        string id = await h.SubmitAsync();
        await h.WaitForStateAsync(id, "succeeded");

        JsonElement result = await h.ResultAsync(id);
        Assert.Equal("completed", result.GetProperty("status").GetString());
        Assert.Equal($"{h.Root}/files/{id}.mp4", result.GetProperty("output").GetProperty("video").GetString());
        Assert.Equal(Harness.Model, result.GetProperty("model_id").GetString());
        Assert.Equal("completed", (await h.StatusAsync(id)).GetProperty("status").GetString());

        h.Server.Options.Faults.FailedGenerationRate = 1;
        string failed = await h.SubmitAsync();
        await h.WaitForStateAsync(failed, "failed");
        Assert.Equal("failed", (await h.ResultAsync(failed)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Canceled_spelling_is_used_on_status_result_and_cancel()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1000, CancelledWord = Dialect.Canceled });
        await h.SubmitAsync();
        string queued = await h.SubmitAsync();

        JsonElement cancel = await h.CancelAsync(queued);
        Assert.Equal("canceled", cancel.GetProperty("status").GetString());
        Assert.Equal("canceled", cancel.GetProperty("outcome").GetString());
        Assert.Equal("canceled", (await h.StatusAsync(queued)).GetProperty("status").GetString());
        Assert.Equal("canceled", (await h.ResultAsync(queued)).GetProperty("status").GetString());
        Assert.Equal("cancelled", h.Server.GetJobState(queued)); // the test API keeps the documented word
    }

    [Fact]
    public async Task Cancel_answer_cancellation_requested_takes_effect_from_the_next_call()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1000, CancelAnswerRequested = true });
        string running = await h.SubmitAsync();
        string queued = await h.SubmitAsync();

        JsonElement cancel = await h.CancelAsync(queued);
        Assert.Equal(queued, cancel.GetProperty("request_id").GetString());
        Assert.Equal("in_queue", cancel.GetProperty("status").GetString());
        Assert.Equal("cancellation_requested", cancel.GetProperty("outcome").GetString());
        Assert.Equal("cancelled", (await h.StatusAsync(queued)).GetProperty("status").GetString());
        Assert.Equal("cancelled", (await h.ResultAsync(queued)).GetProperty("status").GetString());

        JsonElement again = await h.CancelAsync(queued);
        Assert.Equal("cancelled", again.GetProperty("outcome").GetString());
        Assert.Equal("not_cancellable", (await h.CancelAsync(running)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Cancel_answer_outcome_only_carries_nothing_else()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1000, CancelAnswerOutcomeOnly = true });
        string running = await h.SubmitAsync();
        string queued = await h.SubmitAsync();

        JsonElement cancel = await h.CancelAsync(queued);
        Assert.Equal("outcome", Assert.Single(cancel.EnumerateObject()).Name);
        Assert.Equal("cancelled", cancel.GetProperty("outcome").GetString());
        Assert.Equal("not_cancellable", Assert.Single((await h.CancelAsync(running)).EnumerateObject()).Value.GetString());
    }

    [Fact]
    public async Task Every_dialect_at_once_combines_and_can_be_switched_while_running()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1000 });
        string running = await h.SubmitAsync();
        string queued = await h.SubmitAsync();
        EmulatorOptions o = h.Server.Options;
        o.ResultSuccessWord = Dialect.Completed;
        o.CancelledWord = Dialect.Canceled;
        o.CancelAnswerRequested = true;
        o.CancelAnswerOutcomeOnly = true;

        JsonElement cancel = await h.CancelAsync(queued);
        Assert.Equal("cancellation_requested", Assert.Single(cancel.EnumerateObject()).Value.GetString());
        Assert.Equal("canceled", (await h.StatusAsync(queued)).GetProperty("status").GetString());
        Assert.Equal("canceled", (await h.ResultAsync(queued)).GetProperty("status").GetString());

        o.TimeScale = 0;
        o.Workers = 2; // the first job still holds the only worker
        string done = await h.SubmitAsync();
        await h.WaitForStateAsync(done, "succeeded");
        JsonElement result = await h.ResultAsync(done);
        Assert.Equal("completed", result.GetProperty("status").GetString());
        Assert.True(result.GetProperty("output").TryGetProperty("video", out _));
        Assert.NotEqual(running, done);
    }

    [Fact]
    public async Task Results_carry_the_model_id_they_were_submitted_to()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        string reference = await h.SubmitAsync();
        string text = await h.SubmitAsync(SiblingModelTests.TextBody, SiblingModelTests.TextToVideo);
        Assert.Equal(Harness.Model, (await h.ResultAsync(reference)).GetProperty("model_id").GetString());
        Assert.Equal(SiblingModelTests.TextToVideo, (await h.ResultAsync(text)).GetProperty("model_id").GetString());
    }

    [Fact]
    public async Task Models_list_has_every_model_with_display_name_categories_and_price()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { BasePriceUsd = 0.2m });
        JsonElement list = await h.GetJsonAsync($"{h.Base}/models");
        Assert.Equal(4, list.GetProperty("total").GetInt32());
        var models = list.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(
            new[] { Harness.Model, SiblingModelTests.TextToVideo, SiblingModelTests.ImageToVideo, SiblingModelTests.VideoEdit },
            models.Select(m => m.GetProperty("model_id").GetString()));
        Assert.All(models, m =>
        {
            Assert.Equal(
                new[] { "base_price_usd", "categories", "display_name", "model_id", "price_unit" },
                m.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.StartsWith("HappyHorse 1.0 ", m.GetProperty("display_name").GetString());
        });
        Assert.Equal(0.2m, models[0].GetProperty("base_price_usd").GetDecimal());
        Assert.Equal("request", models[3].GetProperty("price_unit").GetString());

        JsonElement withSchema = await h.GetJsonAsync($"{h.Base}/models?include_schema=true&category=text-to-video");
        Assert.Equal(1, withSchema.GetProperty("total").GetInt32());
        JsonElement only = Assert.Single(withSchema.GetProperty("models").EnumerateArray());
        Assert.Equal(SiblingModelTests.TextToVideo, only.GetProperty("model_id").GetString());
        Assert.Equal("object", only.GetProperty("input_schema").GetProperty("type").GetString());

        JsonElement page = await h.GetJsonAsync($"{h.Base}/models?search=video&limit=2&offset=1");
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(
            new[] { SiblingModelTests.TextToVideo, SiblingModelTests.ImageToVideo },
            page.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model_id").GetString()));

        using var anonymous = new HttpClient();
        using HttpResponseMessage refused = await anonymous.GetAsync($"{h.Base}/models");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(4, h.Server.Accounting.RequestCount(EmulatorEndpoint.Catalog)); // counted, faulted and delayed as catalog calls
    }
}
