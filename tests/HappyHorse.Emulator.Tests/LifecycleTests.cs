namespace HappyHorse.Emulator.Tests;

/// <summary>Queueing and generation, driven by a manual clock so no assertion races real time.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Queue_positions_are_one_based_and_move_as_workers_free()
    {
        var clock = new ManualTimeProvider();
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1, TimeProvider = clock });
        string[] ids = new string[5];
        for (int i = 0; i < ids.Length; i++) ids[i] = await h.SubmitAsync(Body(duration: 5));

        Assert.Equal("in_progress", (await h.StatusAsync(ids[0])).GetProperty("status").GetString());
        for (int i = 1; i < ids.Length; i++) Assert.Equal(i, await PositionAsync(h, ids[i]));

        Assert.Equal("cancelled", (await h.CancelAsync(ids[2])).GetProperty("outcome").GetString());
        Assert.Equal(1, await PositionAsync(h, ids[1]));
        Assert.Equal(2, await PositionAsync(h, ids[3]));
        Assert.Equal(3, await PositionAsync(h, ids[4]));

        clock.Advance(TimeSpan.FromSeconds(5)); // job 0 ends, job 1 starts at that very moment
        Assert.Equal("succeeded", h.Server.GetJobState(ids[0]));
        Assert.Equal("in_progress", h.Server.GetJobState(ids[1]));
        Assert.Equal(1, await PositionAsync(h, ids[3]));
        Assert.Equal(2, await PositionAsync(h, ids[4]));

        clock.Advance(TimeSpan.FromSeconds(10.5)); // job 1 and job 3 both finish inside this step
        Assert.Equal("succeeded", h.Server.GetJobState(ids[1]));
        Assert.Equal("succeeded", h.Server.GetJobState(ids[3]));
        Assert.Equal("in_progress", h.Server.GetJobState(ids[4]));
        Assert.Equal("cancelled", h.Server.GetJobState(ids[2]));

        JsonElement r3 = await h.ResultAsync(ids[3]);
        Assert.Equal(DateTimeOffset.Parse(r3.GetProperty("created_at").GetString()!).AddSeconds(15), DateTimeOffset.Parse(r3.GetProperty("finished_at").GetString()!));
    }

    [Fact]
    public async Task Generation_time_is_duration_times_time_scale()
    {
        var clock = new ManualTimeProvider();
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0.5, TimeProvider = clock });
        string id = await h.SubmitAsync(Body(duration: 10));
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal("in_progress", h.Server.GetJobState(id));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("completed", (await h.StatusAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Jobs_complete_in_real_time_with_a_small_time_scale()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 2, TimeScale = 0.001 });
        string[] ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => h.SubmitAsync()));
        foreach (string id in ids) await h.WaitForStateAsync(id, "succeeded");
        Assert.Equal("completed", (await h.StatusAsync(ids[^1])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_of_queued_job_cancels_and_of_running_or_finished_does_not()
    {
        var clock = new ManualTimeProvider();
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeProvider = clock });
        string running = await h.SubmitAsync();
        string queued = await h.SubmitAsync();

        Assert.Equal("cancelled", (await h.CancelAsync(queued)).GetProperty("outcome").GetString());
        Assert.Equal("cancelled", (await h.CancelAsync(queued)).GetProperty("outcome").GetString()); // repeating is harmless
        Assert.Equal("cancelled", (await h.StatusAsync(queued)).GetProperty("status").GetString());
        JsonElement cancelledResult = await h.ResultAsync(queued, "?include_cost=true");
        Assert.Equal("cancelled", cancelledResult.GetProperty("status").GetString());
        Assert.Equal(0m, cancelledResult.GetProperty("cost").GetDecimal());

        Assert.Equal("not_cancellable", (await h.CancelAsync(running)).GetProperty("outcome").GetString());
        Assert.Equal("in_progress", h.Server.GetJobState(running));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("not_cancellable", (await h.CancelAsync(running)).GetProperty("outcome").GetString());
        Assert.Equal("succeeded", h.Server.GetJobState(running));
    }

    [Fact]
    public async Task Failed_generation_is_completed_on_status_and_failed_on_result()
    {
        var options = new EmulatorOptions { TimeScale = 0 };
        options.Faults.FailedGenerationRate = 1;
        await using Harness h = await Harness.StartAsync(options);
        string id = await h.SubmitAsync();
        await h.WaitForStateAsync(id, "failed");

        Assert.Equal("completed", (await h.StatusAsync(id)).GetProperty("status").GetString());
        JsonElement result = await h.ResultAsync(id);
        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("error").GetString()));
        Assert.False(result.TryGetProperty("output", out _));
        Assert.True(result.TryGetProperty("finished_at", out _));
        using HttpResponseMessage download = await h.Client.GetAsync($"{h.Root}/files/{id}.mp4");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [Fact]
    public async Task Raising_workers_at_run_time_starts_queued_jobs()
    {
        var clock = new ManualTimeProvider();
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeProvider = clock });
        await h.SubmitAsync();
        string second = await h.SubmitAsync();
        Assert.Equal("in_queue", h.Server.GetJobState(second));
        h.Server.Options.Workers = 2;
        Assert.Equal("in_progress", h.Server.GetJobState(second));
    }

    private static string Body(int duration) =>
        $$"""{"prompt": "character1 runs", "image_url_1": "https://example.com/a.png", "duration": {{duration}}}""";

    private static async Task<int> PositionAsync(Harness h, string id)
    {
        JsonElement status = await h.StatusAsync(id);
        Assert.Equal("in_queue", status.GetProperty("status").GetString());
        return status.GetProperty("queue_position").GetInt32();
    }
}
