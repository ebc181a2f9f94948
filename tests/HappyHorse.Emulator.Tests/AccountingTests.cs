namespace HappyHorse.Emulator.Tests;

/// <summary>Counters the module's tests read to prove client behaviour (no blind retries, bounded concurrency, no token leaks).</summary>
public sealed class AccountingTests
{
    [Fact]
    public async Task Duplicates_are_equal_bodies_for_the_same_model_regardless_of_formatting()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        await h.SubmitAsync("""{"prompt": "a", "image_url_1": "https://example.com/a.png"}""");
        await h.SubmitAsync("""{ "image_url_1":"https://example.com/a.png","prompt":"a" }""");
        await h.SubmitAsync("""{"prompt": "b", "image_url_1": "https://example.com/a.png"}""");
        using HttpResponseMessage rejected = await h.SubmitRawAsync("""{"prompt": "b"}""");

        EmulatorAccounting a = h.Server.Accounting;
        Assert.Equal(3, a.AcceptedSubmissions);
        Assert.Equal(1, a.DuplicateSubmissions);
        Assert.Equal(1, a.RejectedSubmissions);
        Assert.Equal(4, a.RequestCount(EmulatorEndpoint.Submit));
        Assert.Equal(3, h.Server.SubmittedBodies.Count);
    }

    [Fact]
    public async Task Peak_concurrency_counts_overlapping_requests()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        string id = await h.SubmitAsync();
        Assert.Equal(1, h.Server.Accounting.PeakConcurrentRequests);
        h.Server.Options.Faults.SetLatency(EmulatorEndpoint.Status, 600);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => h.StatusAsync(id)));
        Assert.InRange(h.Server.Accounting.PeakConcurrentRequests, 5, 8); // overlap, allowing for a slow machine
        Assert.Equal(8, h.Server.Accounting.RequestCount(EmulatorEndpoint.Status));
    }

    [Fact]
    public async Task Reset_clears_jobs_counters_faults_and_submissions()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        string id = await h.SubmitAsync();
        await h.SubmitAsync();
        h.Server.Options.Faults.Set(EmulatorEndpoint.Status, FaultKind.RateLimit429, 1);

        using var admin = new HttpClient();
        using HttpResponseMessage reset = await admin.PostAsync($"{h.Root}/admin/reset", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        Assert.Null(h.Server.GetJobState(id));
        Assert.Equal(0, h.Server.Accounting.AcceptedSubmissions);
        Assert.Equal(0, h.Server.Accounting.DuplicateSubmissions);
        Assert.Equal(0, h.Server.Accounting.RequestCount(EmulatorEndpoint.Submit));
        Assert.Empty(h.Server.SubmittedBodies);
        Assert.Equal(0, h.Server.Options.Faults.Get(EmulatorEndpoint.Status, FaultKind.RateLimit429));
        await h.GetJsonAsync($"{h.Base}/requests/{id}/status", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_stats_and_submissions_report_live_state()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1000 });
        await h.SubmitAsync();
        string queued = await h.SubmitAsync();
        await h.CancelAsync(queued);
        await h.SubmitAsync();

        JsonElement stats = await FaultTests.AdminStatsAsync(h);
        Assert.Equal(3, stats.GetProperty("requests").GetProperty("submit").GetInt32());
        Assert.Equal(1, stats.GetProperty("requests").GetProperty("cancel").GetInt32());
        Assert.Equal(3, stats.GetProperty("accepted_submissions").GetInt32());
        Assert.Equal(2, stats.GetProperty("duplicate_submissions").GetInt32());
        Assert.Equal(0, stats.GetProperty("rejected_submissions").GetInt32());
        Assert.True(stats.GetProperty("peak_concurrent_requests").GetInt32() >= 1);
        Assert.Equal(0, stats.GetProperty("downloads_with_authorization_header").GetInt32());
        JsonElement jobs = stats.GetProperty("jobs");
        Assert.Equal(1, jobs.GetProperty("in_progress").GetInt32());
        Assert.Equal(1, jobs.GetProperty("in_queue").GetInt32());
        Assert.Equal(1, jobs.GetProperty("cancelled").GetInt32());

        using var admin = new HttpClient();
        using HttpResponseMessage response = await admin.GetAsync($"{h.Root}/admin/submissions");
        JsonElement bodies = await Harness.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(3, bodies.GetArrayLength());
        Assert.Equal("https://example.com/c1.png", bodies[0].GetProperty("image_url_1").GetString());
    }

    [Fact]
    public async Task Server_reports_its_actual_port_and_stops_cleanly()
    {
        var options = new EmulatorOptions();
        EmulatorServer server = await EmulatorServer.StartAsync(options);
        Assert.Equal("127.0.0.1", server.RootUri.Host);
        Assert.NotEqual(0, server.RootUri.Port);
        Assert.Equal($"http://127.0.0.1:{server.RootUri.Port}/v1", server.BaseUri.ToString());
        Assert.Same(options, server.Options);
        await server.DisposeAsync();

        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"{server.RootUri}admin/stats"));
    }
}
