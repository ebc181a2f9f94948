namespace HappyHorse.Emulator.Tests;

/// <summary>The same seed and the same sequence of calls give the same ids, faults and failures.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public async Task Same_seed_replays_exactly_and_another_seed_differs()
    {
        string first = await RunAsync(seed: 7);
        string second = await RunAsync(seed: 7);
        string other = await RunAsync(seed: 8);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Reset_starts_the_seeded_sequence_over()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Seed = 3, TimeScale = 1000 });
        string before = await h.SubmitAsync();
        h.Server.Reset();
        Assert.Null(h.Server.GetJobState(before));
        Assert.Equal(before, await h.SubmitAsync());
    }

    [Fact]
    public async Task Without_a_seed_each_run_and_each_reset_hands_out_other_request_ids()
    {
        await using Harness first = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        await using Harness second = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        string a = await first.SubmitAsync(), b = await second.SubmitAsync();
        Assert.NotEqual(a, b);
        Assert.NotEqual(first.Server.Seed, second.Server.Seed);

        first.Server.Reset();
        string afterReset = await first.SubmitAsync();
        Assert.NotEqual(a, afterReset);
        Assert.Null(first.Server.GetJobState(a));
    }

    [Fact]
    public async Task A_given_seed_is_the_seed_in_use()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Seed = 11, TimeScale = 1000 });
        Assert.Equal(11, h.Server.Seed);
        h.Server.Reset();
        Assert.Equal(11, h.Server.Seed);
    }

    private static async Task<string> RunAsync(int seed)
    {
        var options = new EmulatorOptions { Seed = seed, TimeScale = 0 };
        options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.RateLimit429, 0.3);
        options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.Unavailable503Html, 0.2);
        options.Faults.FailedGenerationRate = 0.5;
        options.Faults.UnknownStatusRate = 0.3;
        await using Harness h = await Harness.StartAsync(options);
        var trace = new List<string>();
        for (int i = 0; i < 30; i++)
        {
            using HttpResponseMessage response = await h.SubmitRawAsync(Harness.ValidBody);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                trace.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }
            string id = (await Harness.JsonAsync(response, HttpStatusCode.OK)).GetProperty("request_id").GetString()!;
            string status = (await h.StatusAsync(id)).GetProperty("status").GetString()!;
            trace.Add($"{id}:{status}:{h.Server.GetJobState(id)}");
        }
        Assert.Contains(trace, t => t.EndsWith(":failed", StringComparison.Ordinal));
        Assert.Contains(trace, t => t.EndsWith(":succeeded", StringComparison.Ordinal));
        Assert.Contains(trace, t => t.Contains(":warming_up:", StringComparison.Ordinal));
        Assert.Contains("429", trace);
        return string.Join("\n", trace);
    }
}
