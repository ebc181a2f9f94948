using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Emulator;
using Xunit;

namespace HappyHorse.Core.Tests.Api;

/// <summary>
/// The contract's documented error codes, each with its HTTP status and again as HTTP 200 (RunComfy
/// sometimes answers errors with 200): the body's error_code decides, never the status line.
/// </summary>
public sealed class EmulatorErrorCodeTests
{
    private static async Task<EmulatorServer> StartAsync(bool errorsAs200) =>
        await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0, ErrorsAsHttp200 = errorsAs200, Tokens = { "token-b" } });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnknownModelIs400001InvalidModelOnSubmitAndCatalog(bool errorsAs200)
    {
        await using var server = await StartAsync(errorsAs200);
        var client = ApiTest.Client(server.BaseUri);
        CancellationToken ct = ApiTest.Bounded();

        var submit = await ApiTest.ThrowsApiAsync(() => client.SubmitAsync("happyhorse/no-such-model", ApiTest.ValidBody, ct));
        Assert.Equal(ApiErrorKind.InvalidModel, submit.Kind);
        Assert.Equal(400001, submit.ErrorCode);
        Assert.Equal(errorsAs200 ? 200 : 400, submit.HttpStatus);
        ApiTest.Mentions(submit.Message, "400001", "unknown model id", "happyhorse/no-such-model");

        var catalog = await ApiTest.ThrowsApiAsync(() => client.GetModelAsync("happyhorse/no-such-model", ct));
        Assert.Equal(ApiErrorKind.InvalidModel, catalog.Kind);
        ApiTest.Mentions(catalog.Message, "400001", "unknown model id");
        Assert.Equal(0, server.Accounting.AcceptedSubmissions);
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Submit)); // an error answer is final, not retried
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnknownRequestIs404001NotFoundOnStatusResultAndCancel(bool errorsAs200)
    {
        await using var server = await StartAsync(errorsAs200);
        var client = ApiTest.Client(server.BaseUri);
        CancellationToken ct = ApiTest.Bounded();

        foreach (var call in new System.Func<Task>[]
        {
            () => client.GetStatusAsync("no-such-id", ct),
            () => client.GetResultAsync("no-such-id", true, ct),
            () => client.CancelAsync("no-such-id", ct),
        })
        {
            var ex = await ApiTest.ThrowsApiAsync(call);
            Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
            Assert.Equal(404001, ex.ErrorCode);
            ApiTest.Mentions(ex.Message, "404001", "unknown or expired request id", "no-such-id");
        }
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Status));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnotherTokensRequestIs403001Forbidden(bool errorsAs200)
    {
        // One worker, long jobs: the second job stays queued, so a cancel by the wrong token would visibly work.
        var options = new EmulatorOptions { Workers = 1, TimeScale = 1000, ErrorsAsHttp200 = errorsAs200, Tokens = { "token-b" } };
        await using var server = await EmulatorServer.StartAsync(options);
        CancellationToken ct = ApiTest.Bounded();
        var owner = ApiTest.Client(server.BaseUri, "demo-token");
        await owner.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);
        SubmitReceipt queued = await owner.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);
        var other = ApiTest.Client(server.BaseUri, "token-b");

        foreach (var call in new System.Func<Task>[]
        {
            () => other.GetStatusAsync(queued.RequestId, ct),
            () => other.GetResultAsync(queued.RequestId, false, ct),
            () => other.CancelAsync(queued.RequestId, ct),
        })
        {
            var ex = await ApiTest.ThrowsApiAsync(call);
            Assert.Equal(ApiErrorKind.Forbidden, ex.Kind);
            Assert.Equal(403001, ex.ErrorCode);
            Assert.Equal(errorsAs200 ? 200 : 403, ex.HttpStatus);
            ApiTest.Mentions(ex.Message, "403001", "the request belongs to another account");
        }
        Assert.Equal("in_queue", server.GetJobState(queued.RequestId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BadTokenIs400004AuthenticationOnEveryEndpoint(bool errorsAs200)
    {
        await using var server = await StartAsync(errorsAs200);
        var client = ApiTest.Client(server.BaseUri, "not-a-known-token");
        CancellationToken ct = ApiTest.Bounded();

        foreach (var call in new System.Func<Task>[]
        {
            () => client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct),
            () => client.GetStatusAsync("x", ct),
            () => client.GetResultAsync("x", false, ct),
            () => client.CancelAsync("x", ct),
            () => client.GetModelAsync(ApiTest.Model, ct),
        })
        {
            var ex = await ApiTest.ThrowsApiAsync(call);
            Assert.Equal(ApiErrorKind.Authentication, ex.Kind);
            Assert.Equal(400004, ex.ErrorCode);
            Assert.Equal(errorsAs200 ? 200 : 401, ex.HttpStatus);
            ApiTest.Mentions(ex.Message, "400004", "the token is invalid or expired");
            Assert.DoesNotContain("not-a-known-token", ex.ToString());
        }
        Assert.Equal(0, server.Accounting.AcceptedSubmissions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ValidationDetailsNameEveryBadField(bool errorsAs200)
    {
        await using var server = await StartAsync(errorsAs200);
        var client = ApiTest.Client(server.BaseUri);
        byte[] body = Encoding.UTF8.GetBytes("""{"prompt": "character1 waves", "duration": "7", "resolution": "4K", "colour": "red"}""");

        var ex = await ApiTest.ThrowsApiAsync(() => client.SubmitAsync(ApiTest.Model, body, ApiTest.Bounded()));
        Assert.Equal(ApiErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(errorsAs200 ? 200 : 422, ex.HttpStatus);
        Assert.Equal(400003, ex.ErrorCode);
        foreach (string field in new[] { "image_url_1", "duration", "resolution", "colour" })
        {
            Assert.Contains(ex.Details, d => d.StartsWith(field + ":", System.StringComparison.Ordinal));
            ApiTest.Mentions(ex.Message, field);
        }
        Assert.Equal(0, server.Accounting.AcceptedSubmissions);
        Assert.Equal(1, server.Accounting.RejectedSubmissions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoBalanceIs400002InsufficientBalance(bool errorsAs200)
    {
        var options = new EmulatorOptions { TimeScale = 0, ErrorsAsHttp200 = errorsAs200, BalanceUsd = 0.1m };
        await using var server = await EmulatorServer.StartAsync(options);
        var ex = await ApiTest.ThrowsApiAsync(() => ApiTest.Client(server.BaseUri).SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ApiTest.Bounded()));
        Assert.Equal(ApiErrorKind.InsufficientBalance, ex.Kind);
        Assert.Equal(400002, ex.ErrorCode);
        ApiTest.Mentions(ex.Message, "400002", "no balance left");
        Assert.Equal(errorsAs200 ? 200 : 402, ex.HttpStatus);
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Submit));
    }
}
