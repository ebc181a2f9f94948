using System;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>The wait engine against a server whose answers are never readable: it gives up, naming the problem.</summary>
public class InvalidAnswerLimitTests
{
    private static readonly WaitOptions Quick = new() { PollInterval = TimeSpan.FromMilliseconds(1), MaxPollInterval = TimeSpan.FromMilliseconds(4) };

    /// <summary>Waits for one job and returns its final event (bounded: a wait that never ends fails the test).</summary>
    private static async Task<WaitEvent> FinalEventAsync(RawHttpServer raw, WaitOptions options)
    {
        var final = new TaskCompletionSource<WaitEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        using var waiter = new JobWaiter(options, e => { if (e.IsFinal) final.TrySetResult(e); }, stop.Token);
        waiter.Add(new WaitTicket(ApiTest.Client(raw.BaseUri), "r1", null, null));
        try
        {
            return await final.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"no final event after {raw.Requests.Count} requests: the wait never gives up");
        }
    }

    [Fact]
    public async Task TenRedirectsInARowEndTheWaitWithAnErrorNamingTheLastOne()
    {
        await using var elsewhere = RawHttpServer.Start(RawAnswer.Json("{\"status\":\"completed\"}"));
        await using var raw = RawHttpServer.Start(RawAnswer.Http(302, "", "text/plain", $"Location: {elsewhere.BaseUri.AbsoluteUri}/requests/r1/status"));

        var final = await FinalEventAsync(raw, Quick);

        Assert.Null(final.Result);
        Assert.Equal(ApiErrorKind.InvalidResponse, final.Error!.Kind);
        ApiTest.Mentions(final.Error.Message, "r1", "10 ", "in a row", "redirected");
        Assert.Equal(10, raw.Requests.Count);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task MalformedJsonCountsToo()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Json("{\"status\":"));

        var final = await FinalEventAsync(raw, new WaitOptions { PollInterval = Quick.PollInterval, MaxPollInterval = Quick.MaxPollInterval, MaxInvalidAnswers = 3 });

        Assert.Equal(ApiErrorKind.InvalidResponse, final.Error!.Kind);
        ApiTest.Mentions(final.Error.Message, "3 ", "instead of JSON");
        Assert.Equal(3, raw.Requests.Count);
    }

    [Fact]
    public async Task OneReadableAnswerStartsTheCountAgain()
    {
        // Nine bad, one good, nine bad, then done: never ten bad in a row, so the job's result arrives.
        int statusCalls = 0;
        await using var raw = RawHttpServer.Start(r =>
        {
            if (r.Target.EndsWith("/result", StringComparison.Ordinal))
                return RawAnswer.Json("{\"status\":\"succeeded\",\"output\":{\"video\":\"https://cdn.example/v.mp4\"}}");
            int n = Interlocked.Increment(ref statusCalls);
            return n == 10 ? RawAnswer.Json("{\"status\":\"in_queue\",\"queue_position\":1}")
                : n == 20 ? RawAnswer.Json("{\"status\":\"completed\"}")
                : RawAnswer.Http(200, "<html>proxy hiccup</html>", "text/html");
        });

        var final = await FinalEventAsync(raw, Quick);

        Assert.True(final.Error == null, final.Error?.Message);
        Assert.Equal(JobStates.Succeeded, final.Result!.Status);
        Assert.Equal(20, Volatile.Read(ref statusCalls));
    }
}
