using System;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.WaitHHJob;

/// <summary>Wait-HHJob against a server that answers badly: a clear error or a clean timeout, never a hang.</summary>
public class HostileServerTests : ModuleTestBase
{
    private const string Html = "<html><head><title>Access denied by proxy</title></head><body>blocked</body></html>";

    [Fact]
    public async Task WaitHHJobOnAnEndlessQueueReturnsOnTimeWithATimeoutError()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Json("{\"status\":\"in_queue\",\"queue_position\":\"7\"}"));
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 2 -PollInterval 1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.WaitTimeout", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "r1", "within 2 s", "in_queue");
        Assert.InRange(result.Elapsed.TotalSeconds, 1.5, 12);
        Assert.NotEmpty(raw.Requests);
        Assert.DoesNotContain(raw.Requests, r => r.Target.EndsWith("/result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitHHJobGivenHTMLPagesKeepsWaitingAndTimesOutCleanly()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Http(200, Html, "text/html"));
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 2 -PollInterval 1 -Verbose -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Null(result.Terminating);
        Assert.StartsWith("HappyHorse.WaitTimeout", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Contains(result.Verbose, v => v.Contains("Access denied by proxy", StringComparison.Ordinal) && v.Contains("Still waiting", StringComparison.Ordinal));
        Assert.InRange(result.Elapsed.TotalSeconds, 1.5, 12);
    }

    [Fact]
    public async Task WaitHHJobTreatsUnknownStatusWordsAsRunningUntilTheJobFinishes()
    {
        int statusCalls = 0;
        await using var raw = RawHttpServer.Start(r =>
        {
            if (r.Target.EndsWith("/result", StringComparison.Ordinal))
                return RawAnswer.Json("{\"status\":\"succeeded\",\"output\":{\"video\":\"https://cdn.example/v.mp4\"}}");
            return Interlocked.Increment(ref statusCalls) <= 2
                ? RawAnswer.Json("{\"status\":\"warming_up_gpus\"}")
                : RawAnswer.Json("{\"status\":\"COMPLETED\"}");
        });
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 30 -PollInterval 1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal("https://cdn.example/v.mp4", Assert.Single(result.Objects<HHJobResult>()).VideoUrl);
        Assert.Equal(3, Volatile.Read(ref statusCalls));
    }

    [Fact]
    public async Task WaitHHJobGivenAResultCompletedWithoutOutputOrErrorReportsAJobWithoutAVideoAtOnce()
    {
        // What RunComfy's own tests send on /result, here with nothing to show for it.
        await using var raw = RawHttpServer.Start(RawAnswer.Json("{\"request_id\":\"r1\",\"status\":\"completed\"}"));
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 60 -PollInterval 1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.JobFailed", error.FullyQualifiedErrorId); // not WaitTimeout: no polling until -Timeout
        ApiTest.Mentions(error.ToString(), "r1", "'completed'", "neither an output nor an error", "without a video");
        Assert.Single(raw.Requests, r => r.Target.EndsWith("/result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitHHJobGivenAnUnknownWordOnResultPollsUntilTimeoutAndNamesIt()
    {
        await using var raw = RawHttpServer.Start(r => r.Target.EndsWith("/result", StringComparison.Ordinal)
            ? RawAnswer.Json("{\"status\":\"Verifying\"}")
            : RawAnswer.Json("{\"status\":\"completed\"}"));
        var result = Run("Wait-HHJob -RequestId r1 -Timeout 2 -PollInterval 1 -Verbose -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.WaitTimeout", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "r1", "last status: verifying", "does not know");
        Assert.Single(result.Verbose, v => v.Contains("r1: status 'verifying'", StringComparison.Ordinal)); // once, though /status says completed in between
    }
}
