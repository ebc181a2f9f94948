using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Emulator;
using Xunit;

namespace HappyHorse.Core.Tests.Api;

/// <summary>
/// A submit has no idempotency key: it is re-sent only when the answer proves nothing was accepted
/// (429, 503). Any doubt ends in OutcomeUnknown with exactly one request and one accepted job.
/// </summary>
public sealed class SubmitSafetyTests
{
    [Theory]
    [InlineData(FaultKind.RateLimit429)]
    [InlineData(FaultKind.Unavailable503Html)]
    public async Task SubmitIsRetriedThroughAnswersThatProveNothingWasAccepted(FaultKind kind)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        server.Options.Faults.Set(EmulatorEndpoint.Submit, kind, 1.0);
        var client = ApiTest.Client(server.BaseUri, options: ApiTest.Fast(maxAttempts: 6), log: ApiTest.ClearAfterRetries(server, EmulatorEndpoint.Submit, kind, 2));

        SubmitReceipt receipt = await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ApiTest.Bounded());
        Assert.NotEmpty(receipt.RequestId);
        Assert.Equal(3, server.Accounting.RequestCount(EmulatorEndpoint.Submit));
        Assert.Equal(1, server.Accounting.AcceptedSubmissions);
        Assert.Equal(0, server.Accounting.DuplicateSubmissions);
    }

    [Theory]
    [InlineData(FaultKind.ServerError500Html, 500)]
    [InlineData(FaultKind.BadGateway502Html, 502)]
    public async Task SubmitAnsweredBy500Or502IsNotResent(FaultKind kind, int status)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        server.Options.Faults.Set(EmulatorEndpoint.Submit, kind, 1.0);

        var ex = await ApiTest.ThrowsApiAsync(() => ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ApiTest.Bounded()));
        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Submit));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SubmitDroppedAfterAcceptanceIsOutcomeUnknownAndNeverResent(bool warmConnection)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        var client = ApiTest.Client(server.BaseUri, options: ApiTest.Fast(maxAttempts: 6));
        CancellationToken ct = ApiTest.Bounded();
        // A pooled keep-alive connection is where an HTTP stack might silently re-send a request.
        if (warmConnection) await client.GetModelAsync(ApiTest.Model, ct);
        server.Options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.DropAfterAccept, 1.0);

        var ex = await ApiTest.ThrowsApiAsync(() => client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct));
        Assert.Equal(ApiErrorKind.OutcomeUnknown, ex.Kind);
        ApiTest.Mentions(ex.Message, "not sent again");
        Assert.Contains("dashboard", ex.Advice);
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Submit));
        Assert.Equal(1, server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task SubmitDroppedBeforeAcceptanceIsStillOutcomeUnknownBecauseTheClientCannotTell()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        server.Options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.DropBeforeAccept, 1.0);

        var ex = await ApiTest.ThrowsApiAsync(() => ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ApiTest.Bounded()));
        Assert.Equal(ApiErrorKind.OutcomeUnknown, ex.Kind);
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Submit));
        Assert.Equal(0, server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task SubmitWithTruncatedJsonAnswerIsOutcomeUnknownAndNeverResent()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        server.Options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.TruncatedJson, 1.0);

        var ex = await ApiTest.ThrowsApiAsync(() => ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ApiTest.Bounded()));
        Assert.Equal(ApiErrorKind.OutcomeUnknown, ex.Kind);
        ApiTest.Mentions(ex.Message, "truncated or malformed JSON", "not sent again");
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Submit));
        Assert.Equal(1, server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task StatusDroppedBeforeOrAfterHandlingIsRetried()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        CancellationToken ct = ApiTest.Bounded();
        string id = (await ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct)).RequestId;

        foreach (var kind in new[] { FaultKind.DropBeforeAccept, FaultKind.DropAfterAccept })
        {
            long before = server.Accounting.RequestCount(EmulatorEndpoint.Status);
            server.Options.Faults.Set(EmulatorEndpoint.Status, kind, 1.0);
            var client = ApiTest.Client(server.BaseUri, log: ApiTest.ClearAfterRetries(server, EmulatorEndpoint.Status, kind, 2));
            Assert.Equal(JobStates.Completed, (await client.GetStatusAsync(id, ct)).Status);
            Assert.Equal(before + 3, server.Accounting.RequestCount(EmulatorEndpoint.Status));
        }
    }

    [Fact]
    public async Task LastingStatusDropEndsAsNetworkAfterMaxAttempts()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        CancellationToken ct = ApiTest.Bounded();
        string id = (await ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct)).RequestId;
        server.Options.Faults.Set(EmulatorEndpoint.Status, FaultKind.DropBeforeAccept, 1.0);

        var ex = await ApiTest.ThrowsApiAsync(() => ApiTest.Client(server.BaseUri, options: ApiTest.Fast(maxAttempts: 3)).GetStatusAsync(id, ct));
        Assert.Equal(ApiErrorKind.Network, ex.Kind);
        ApiTest.Mentions(ex.Message, "/v1/requests/" + id + "/status");
        Assert.Equal(3, server.Accounting.RequestCount(EmulatorEndpoint.Status));
    }

    [Fact]
    public async Task StatusWithTruncatedJsonIsAClearInvalidResponse()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 });
        CancellationToken ct = ApiTest.Bounded();
        string id = (await ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct)).RequestId;
        server.Options.Faults.Set(EmulatorEndpoint.Status, FaultKind.TruncatedJson, 1.0);

        var ex = await ApiTest.ThrowsApiAsync(() => ApiTest.Client(server.BaseUri).GetStatusAsync(id, ct));
        Assert.Equal(ApiErrorKind.InvalidResponse, ex.Kind);
        Assert.Equal(200, ex.HttpStatus);
        ApiTest.Mentions(ex.Message, "status of " + id, "truncated or malformed JSON");
    }
}
