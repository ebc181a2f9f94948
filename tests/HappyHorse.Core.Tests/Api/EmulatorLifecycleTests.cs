using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Emulator;
using Xunit;

namespace HappyHorse.Core.Tests.Api;

/// <summary>Every endpoint's happy path through RunComfyClient against the emulator, over real loopback HTTP.</summary>
public sealed class EmulatorLifecycleTests
{
    [Fact]
    public async Task SubmitStatusResultRoundtripYieldsTheVideoUrlAndTimestamps()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.001 });
        var client = ApiTest.Client(server.BaseUri);
        CancellationToken ct = ApiTest.Bounded();

        SubmitReceipt receipt = await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);
        Assert.False(string.IsNullOrWhiteSpace(receipt.RequestId));
        Assert.Equal(new Uri($"{server.BaseUri}/requests/{receipt.RequestId}/status"), receipt.StatusUrl);
        Assert.NotNull(receipt.ResultUrl);
        Assert.NotNull(receipt.CancelUrl);

        StatusReply status = await ApiTest.WaitFinishedAsync(client, receipt.RequestId, ct);
        Assert.Equal(JobStates.Completed, status.Status);
        Assert.Equal(receipt.RequestId, status.RequestId);
        Assert.Null(status.QueuePosition);

        ResultReply result = await client.GetResultAsync(receipt.RequestId, includeCost: false, ct);
        Assert.Equal(JobStates.Succeeded, result.Status);
        Assert.Equal(new Uri(server.RootUri, $"/files/{receipt.RequestId}.mp4").AbsoluteUri, result.VideoUrl);
        Assert.Null(result.Error);
        Assert.Null(result.Cost);
        Assert.NotNull(result.CreatedAt);
        Assert.NotNull(result.FinishedAt);
        Assert.True(result.FinishedAt >= result.CreatedAt);
        Assert.Equal(TimeSpan.Zero, result.CreatedAt!.Value.Offset);
        Assert.Equal(1, server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task IncludeCostGivesPriceTimesDuration()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0, BasePriceUsd = 0.1m });
        var client = ApiTest.Client(server.BaseUri);
        CancellationToken ct = ApiTest.Bounded();
        byte[] body = System.Text.Encoding.UTF8.GetBytes("""{"prompt": "character1 waves", "image_url_1": "https://example.com/c1.png", "duration": 7}""");

        SubmitReceipt receipt = await client.SubmitAsync(ApiTest.Model, body, ct);
        await ApiTest.WaitFinishedAsync(client, receipt.RequestId, ct);
        ResultReply result = await client.GetResultAsync(receipt.RequestId, includeCost: true, ct);
        Assert.NotNull(result.Cost);
        Assert.Equal(0.7, result.Cost!.Value, 6);
    }

    [Fact]
    public async Task FailedGenerationShowsCompletedStatusAndFailedResultWithTheServerMessage()
    {
        var options = new EmulatorOptions { TimeScale = 0 };
        options.Faults.FailedGenerationRate = 1.0;
        await using var server = await EmulatorServer.StartAsync(options);
        var client = ApiTest.Client(server.BaseUri);
        CancellationToken ct = ApiTest.Bounded();

        SubmitReceipt receipt = await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);
        StatusReply status = await ApiTest.WaitFinishedAsync(client, receipt.RequestId, ct);
        Assert.Equal(JobStates.Completed, status.Status); // the contract: a failure is "completed" on /status

        ResultReply result = await client.GetResultAsync(receipt.RequestId, includeCost: false, ct);
        Assert.Equal(JobStates.Failed, result.Status);
        Assert.Null(result.VideoUrl);
        Assert.Empty(result.Outputs);
        Assert.Equal("Video generation failed: the provider rejected the task (simulated).", result.Error);
    }

    [Fact]
    public async Task VideosArrayOutputGivesTheVideoUrl()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0, OutputAsVideosArray = true });
        var client = ApiTest.Client(server.BaseUri);
        CancellationToken ct = ApiTest.Bounded();

        SubmitReceipt receipt = await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);
        await ApiTest.WaitFinishedAsync(client, receipt.RequestId, ct);
        ResultReply result = await client.GetResultAsync(receipt.RequestId, includeCost: false, ct);
        Assert.Equal(JobStates.Succeeded, result.Status);
        Assert.Equal("videos", Assert.Single(result.Outputs).Key);
        Assert.EndsWith($"/files/{receipt.RequestId}.mp4", result.VideoUrl);
    }

    [Fact]
    public async Task CancelOfAQueuedJobCancelsAndOfARunningJobIsNotCancellable()
    {
        // One worker and ~83 minutes per job: the first job runs for the whole test, the second waits.
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1000 });
        var client = ApiTest.Client(server.BaseUri);
        CancellationToken ct = ApiTest.Bounded();

        SubmitReceipt running = await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);
        SubmitReceipt queued = await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);

        StatusReply queuedStatus = await client.GetStatusAsync(queued.RequestId, ct);
        Assert.Equal(JobStates.InQueue, queuedStatus.Status);
        Assert.Equal(1, queuedStatus.QueuePosition);
        Assert.Equal(JobStates.InProgress, (await client.GetStatusAsync(running.RequestId, ct)).Status);

        CancelReply cancelled = await client.CancelAsync(queued.RequestId, ct);
        Assert.Equal(CancelReply.Cancelled, cancelled.Outcome);
        Assert.Equal(JobStates.Cancelled, cancelled.Status);
        Assert.Equal(queued.RequestId, cancelled.RequestId);
        Assert.Equal(JobStates.Cancelled, (await client.GetStatusAsync(queued.RequestId, ct)).Status);
        Assert.Equal(JobStates.Cancelled, (await client.GetResultAsync(queued.RequestId, includeCost: false, ct)).Status);

        CancelReply refused = await client.CancelAsync(running.RequestId, ct);
        Assert.Equal(CancelReply.NotCancellable, refused.Outcome);
        Assert.Equal(JobStates.InProgress, refused.Status);

        ResultReply stillRunning = await client.GetResultAsync(running.RequestId, includeCost: true, ct);
        Assert.Equal(JobStates.InProgress, stillRunning.Status);
        Assert.Null(stillRunning.VideoUrl);
        Assert.Null(stillRunning.Cost); // cost only once finished
    }

    [Fact]
    public async Task CatalogEntryHasPriceAndUnit()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { BasePriceUsd = 0.12m });
        var client = ApiTest.Client(server.BaseUri);

        JsonElement model = await client.GetModelAsync(ApiTest.Model, ApiTest.Bounded());
        Assert.Equal(ApiTest.Model, model.GetProperty("model_id").GetString());
        Assert.Equal(0.12m, model.GetProperty("base_price_usd").GetDecimal());
        Assert.Equal("second", model.GetProperty("price_unit").GetString());
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Catalog));
    }

    [Fact]
    public async Task BaseUriWithOrWithoutTrailingSlashReachesTheSameEndpoints()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        CancellationToken ct = ApiTest.Bounded();
        foreach (Uri baseUri in new[] { server.BaseUri, new Uri(server.BaseUri + "/") })
        {
            var client = ApiTest.Client(baseUri);
            SubmitReceipt receipt = await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);
            Assert.Equal(receipt.RequestId, (await client.GetStatusAsync(receipt.RequestId, ct)).RequestId);
        }
        Assert.Equal(2, server.Accounting.AcceptedSubmissions);
        Assert.Equal(2, server.SubmittedBodies.Count(b => b.Contains("neon market", StringComparison.Ordinal)));
    }
}
