namespace HappyHorse.Emulator.Tests;

/// <summary>Each fault kind as a client meets it; rate 1 makes each one certain.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task RateLimit429_carries_retry_after_and_accepts_nothing()
    {
        var options = new EmulatorOptions { RetryAfterSeconds = 7 };
        options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.RateLimit429, 1);
        await using Harness h = await Harness.StartAsync(options);
        using HttpResponseMessage response = await h.SubmitRawAsync(Harness.ValidBody);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        Assert.Equal(0, h.Server.Accounting.AcceptedSubmissions);
        Assert.Equal(1, h.Server.Accounting.RequestCount(EmulatorEndpoint.Submit));
    }

    [Theory]
    [InlineData(FaultKind.ServerError500Html, 500)]
    [InlineData(FaultKind.BadGateway502Html, 502)]
    [InlineData(FaultKind.Unavailable503Html, 503)]
    public async Task Server_errors_answer_an_html_page(FaultKind kind, int status)
    {
        await using Harness h = await Harness.StartAsync();
        string id = await h.SubmitAsync();
        h.Server.Options.Faults.Set(EmulatorEndpoint.Status, kind, 1);
        using HttpResponseMessage response = await h.Client.GetAsync($"{h.Base}/requests/{id}/status");
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DropBeforeAccept_aborts_and_creates_no_job()
    {
        await using Harness h = await Harness.StartAsync();
        h.Server.Options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.DropBeforeAccept, 1);
        await Assert.ThrowsAsync<HttpRequestException>(() => h.SubmitRawAsync(Harness.ValidBody));
        Assert.Equal(0, h.Server.Accounting.AcceptedSubmissions);
        Assert.Empty(h.Server.SubmittedBodies);
    }

    [Fact]
    public async Task DropAfterAccept_creates_the_job_then_aborts()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        h.Server.Options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.DropAfterAccept, 1);
        await Assert.ThrowsAsync<HttpRequestException>(() => h.SubmitRawAsync(Harness.ValidBody));
        Assert.Equal(1, h.Server.Accounting.AcceptedSubmissions);
        Assert.Single(h.Server.SubmittedBodies);

        // A blind retry is exactly what the duplicate counter exists to catch.
        h.Server.Options.Faults.Clear();
        await h.SubmitAsync();
        Assert.Equal(1, h.Server.Accounting.DuplicateSubmissions);
        Assert.Equal(2, (await AdminStatsAsync(h)).GetProperty("jobs").GetProperty("in_progress").GetInt32());
    }

    [Fact]
    public async Task TruncatedJson_cuts_a_valid_answer_in_half()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        h.Server.Options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.TruncatedJson, 1);
        using HttpResponseMessage response = await h.SubmitRawAsync(Harness.ValidBody);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("{\"request_id\":", text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.Equal(1, h.Server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task Truncated_download_ends_before_content_length()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0 });
        string id = await h.SubmitAsync();
        await h.WaitForStateAsync(id, "succeeded");
        h.Server.Options.Faults.Set(EmulatorEndpoint.Download, FaultKind.TruncatedJson, 1);
        using var client = new HttpClient();
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetByteArrayAsync($"{h.Root}/files/{id}.mp4"));
    }

    [Fact]
    public async Task Latency_delays_one_endpoint_or_all()
    {
        await using Harness h = await Harness.StartAsync();
        string id = await h.SubmitAsync();
        h.Server.Options.Faults.SetLatency(EmulatorEndpoint.Status, 300);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await h.StatusAsync(id);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"status took {watch.ElapsedMilliseconds} ms");

        h.Server.Options.Faults.SetLatency(EmulatorEndpoint.Status, 0);
        h.Server.Options.Faults.SetLatency(null, 200);
        watch.Restart();
        await h.ResultAsync(id);
        Assert.True(watch.ElapsedMilliseconds >= 190, $"result took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Unknown_status_string_appears_on_status_only()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        string id = await h.SubmitAsync();
        h.Server.Options.Faults.UnknownStatusRate = 1;
        Assert.Equal("warming_up", (await h.StatusAsync(id)).GetProperty("status").GetString());
        Assert.Equal("in_progress", (await h.ResultAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Faults_hit_at_their_rate_and_only_their_endpoint()
    {
        var options = new EmulatorOptions { TimeScale = 1000, Seed = 42 };
        options.Faults.Set(EmulatorEndpoint.Status, FaultKind.Unavailable503Html, 0.3);
        await using Harness h = await Harness.StartAsync(options);
        string id = await h.SubmitAsync();
        int failures = 0;
        for (int i = 0; i < 200; i++)
        {
            using HttpResponseMessage r = await h.Client.GetAsync($"{h.Base}/requests/{id}/status");
            if (r.StatusCode == HttpStatusCode.ServiceUnavailable) failures++;
        }
        Assert.InRange(failures, 35, 85);
        Assert.Equal(1, h.Server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task Faults_can_be_set_through_the_admin_endpoint()
    {
        await using Harness h = await Harness.StartAsync();
        using var admin = new HttpClient();
        using HttpResponseMessage put = await admin.PutAsync($"{h.Root}/admin/faults", new StringContent(
            """{"rates": {"submit": {"429": 1}}, "latency_ms": {"all": 5, "status": 7}, "failed_generation_rate": 0.25, "unknown_status_rate": 0.5}"""));
        JsonElement echo = await Harness.JsonAsync(put, HttpStatusCode.OK);
        Assert.Equal(1, echo.GetProperty("rates").GetProperty("submit").GetProperty("RateLimit429").GetDouble());
        FaultSettings f = h.Server.Options.Faults;
        Assert.Equal(1, f.Get(EmulatorEndpoint.Submit, FaultKind.RateLimit429));
        Assert.Equal(5, f.GetLatency(null));
        Assert.Equal(7, f.GetLatency(EmulatorEndpoint.Status));
        Assert.Equal(0.25, f.FailedGenerationRate);
        Assert.Equal(0.5, f.UnknownStatusRate);

        using HttpResponseMessage limited = await h.SubmitRawAsync(Harness.ValidBody);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        using HttpResponseMessage clear = await admin.PutAsync($"{h.Root}/admin/faults", new StringContent("""{"clear": true}"""));
        Assert.Equal(0, f.Get(EmulatorEndpoint.Submit, FaultKind.RateLimit429));
        using HttpResponseMessage bad = await admin.PutAsync($"{h.Root}/admin/faults", new StringContent("""{"rates": {"nowhere": {"429": 1}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    internal static async Task<JsonElement> AdminStatsAsync(Harness h)
    {
        using var admin = new HttpClient();
        using HttpResponseMessage response = await admin.GetAsync($"{h.Root}/admin/stats");
        return await Harness.JsonAsync(response, HttpStatusCode.OK);
    }
}
