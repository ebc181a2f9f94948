using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Emulator;
using Xunit;

namespace HappyHorse.Core.Tests.Api;

/// <summary>
/// Idempotent calls ride out 429s and proxy error pages and succeed once the fault clears; a lasting
/// fault ends after exactly MaxAttempts requests. The fault is cleared from the client's own retry log,
/// so the number of faulted requests is exact, not a race.
/// </summary>
public sealed class RetryThroughFaultsTests
{
    public static TheoryData<FaultKind, EmulatorEndpoint> IdempotentFaults()
    {
        var data = new TheoryData<FaultKind, EmulatorEndpoint>();
        foreach (var kind in new[] { FaultKind.RateLimit429, FaultKind.ServerError500Html, FaultKind.BadGateway502Html, FaultKind.Unavailable503Html, FaultKind.DropBeforeAccept })
        foreach (var endpoint in new[] { EmulatorEndpoint.Status, EmulatorEndpoint.Result, EmulatorEndpoint.Cancel, EmulatorEndpoint.Catalog })
            data.Add(kind, endpoint);
        return data;
    }

    [Theory]
    [MemberData(nameof(IdempotentFaults))]
    public async Task IdempotentCallRetriesThroughTheFaultAndSucceedsOnceItClears(FaultKind kind, EmulatorEndpoint endpoint)
    {
        // Retry-After of 1 s is honoured but capped by MaxRetryDelay (15 ms): the test stays fast.
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0, RetryAfterSeconds = 1 });
        CancellationToken ct = ApiTest.Bounded();
        string id = (await ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct)).RequestId;

        server.Options.Faults.Set(endpoint, kind, 1.0);
        var log = new List<string>();
        var client = ApiTest.Client(server.BaseUri, options: ApiTest.Fast(maxAttempts: 6), log: ApiTest.ClearAfterRetries(server, endpoint, kind, 3, log));

        switch (endpoint)
        {
            case EmulatorEndpoint.Status: Assert.Equal(JobStates.Completed, (await client.GetStatusAsync(id, ct)).Status); break;
            case EmulatorEndpoint.Result: Assert.NotNull((await client.GetResultAsync(id, false, ct)).VideoUrl); break;
            case EmulatorEndpoint.Cancel: Assert.Equal(CancelReply.NotCancellable, (await client.CancelAsync(id, ct)).Outcome); break;
            case EmulatorEndpoint.Catalog: Assert.Equal("second", (await client.GetModelAsync(ApiTest.Model, ct)).GetProperty("price_unit").GetString()); break;
        }
        Assert.Equal(4, server.Accounting.RequestCount(endpoint));
        Assert.Equal(3, log.FindAll(l => l.Contains("; retry ")).Count);
    }

    [Theory]
    [InlineData(FaultKind.Unavailable503Html, "503 Service Temporarily Unavailable")]
    [InlineData(FaultKind.BadGateway502Html, "502 Bad Gateway")]
    [InlineData(FaultKind.ServerError500Html, "500 Internal Server Error")]
    public async Task LastingProxyErrorEndsAsServerErrorNamingThePageAfterExactlyMaxAttempts(FaultKind kind, string title)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        CancellationToken ct = ApiTest.Bounded();
        string id = (await ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct)).RequestId;
        server.Options.Faults.Set(EmulatorEndpoint.Status, kind, 1.0);

        var ex = await ApiTest.ThrowsApiAsync(() => ApiTest.Client(server.BaseUri, options: ApiTest.Fast(maxAttempts: 3)).GetStatusAsync(id, ct));
        Assert.Equal(ApiErrorKind.ServerError, ex.Kind);
        Assert.Equal(int.Parse(title[..3]), ex.HttpStatus);
        ApiTest.Mentions(ex.Message, $"HTML page titled '{title}'");
        Assert.Equal(3, server.Accounting.RequestCount(EmulatorEndpoint.Status));
    }

    [Fact]
    public async Task Lasting429EndsAsRateLimitedWithTheServersRetryAfter()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0, RetryAfterSeconds = 9 });
        server.Options.Faults.Set(EmulatorEndpoint.Catalog, FaultKind.RateLimit429, 1.0);

        var ex = await ApiTest.ThrowsApiAsync(() => ApiTest.Client(server.BaseUri, options: ApiTest.Fast(maxAttempts: 3)).GetModelAsync(ApiTest.Model, ApiTest.Bounded()));
        Assert.Equal(ApiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.HttpStatus);
        Assert.Equal(System.TimeSpan.FromSeconds(9), ex.RetryAfter);
        Assert.Equal(3, server.Accounting.RequestCount(EmulatorEndpoint.Catalog));
    }

    [Fact]
    public async Task SeededRandomFaultsAtHalfRateNeverSurfaceWithEnoughAttempts()
    {
        var options = new EmulatorOptions { TimeScale = 0, Seed = 42 };
        await using var server = await EmulatorServer.StartAsync(options);
        CancellationToken ct = ApiTest.Bounded();
        var client = ApiTest.Client(server.BaseUri, options: ApiTest.Fast(maxAttempts: 30));
        string id = (await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct)).RequestId;
        options.Faults.Set(EmulatorEndpoint.Status, FaultKind.Unavailable503Html, 0.2);
        options.Faults.Set(EmulatorEndpoint.Status, FaultKind.RateLimit429, 0.15);
        options.Faults.Set(EmulatorEndpoint.Status, FaultKind.DropBeforeAccept, 0.15);

        for (int i = 0; i < 20; i++) Assert.Equal(JobStates.Completed, (await client.GetStatusAsync(id, ct)).Status);
        Assert.True(server.Accounting.RequestCount(EmulatorEndpoint.Status) > 20, "the faults should have cost some retries");
    }
}
