using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using Xunit;

namespace HappyHorse.Core.Tests.Api;

/// <summary>
/// The HTTP core against a server that answers anything at all: each hostile answer is a clear
/// RunComfyApiException or a tolerant reading; never another exception, never a hang, never a resent submit.
/// </summary>
public sealed class HostileServerTests
{
    [Theory]
    [MemberData(nameof(HostileAnswers.RefusedNames), MemberType = typeof(HostileAnswers))]
    public async Task AHostileAnswerIsAClearRunComfyApiException(string name)
    {
        var c = HostileAnswers.Named(name);
        await using var server = RawHttpServer.Start(_ => c.Answer());
        var client = ApiTest.Client(server.BaseUri, options: ApiTest.Fast(maxAttempts: 3, requestTimeoutMs: c.TimeoutMs));
        var clock = Stopwatch.StartNew();

        var ex = await ApiTest.ThrowsApiAsync(() => Call(client, c.Call, ApiTest.Bounded()));

        Assert.Equal(c.Kind, ex.Kind);
        ApiTest.Mentions(ex.Message, c.Mentions!);
        Assert.DoesNotContain(ApiTest.Token, ex.ToString());
        Assert.Equal(c.Requests, server.Requests.Count);
        Assert.True(ex.Message.Length < 1000, $"message of {ex.Message.Length} characters");
        Assert.DoesNotContain(ex.Message, ch => char.IsControl(ch) || char.IsSurrogate(ch));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(HostileAnswers.ToleratedNames), MemberType = typeof(HostileAnswers))]
    public async Task AnOddButReadableAnswerIsReadTolerantly(string name)
    {
        var c = HostileAnswers.Named(name);
        await using var server = RawHttpServer.Start(_ => c.Answer());
        var client = ApiTest.Client(server.BaseUri);

        object reply = await Call(client, c.Call, ApiTest.Bounded());

        c.Check!(reply);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(301, ApiCall.Status)]
    [InlineData(302, ApiCall.Status)]
    [InlineData(303, ApiCall.Result)]
    [InlineData(307, ApiCall.Submit)]
    [InlineData(308, ApiCall.Cancel)]
    public async Task ARedirectToAnotherHostIsNotFollowedAndTheTokenStaysHome(int status, ApiCall call)
    {
        await using var elsewhere = RawHttpServer.Start(RawAnswer.Json("{\"request_id\":\"stolen\",\"status\":\"completed\"}"));
        var target = new Uri(elsewhere.BaseUri, "/v1/requests/r1/status");
        await using var server = RawHttpServer.Start(RawAnswer.Http(status, "", "text/plain", $"Location: {target.AbsoluteUri}"));

        var ex = await ApiTest.ThrowsApiAsync(() => Call(ApiTest.Client(server.BaseUri), call, ApiTest.Bounded()));

        Assert.Equal(ApiErrorKind.InvalidResponse, ex.Kind);
        ApiTest.Mentions(ex.Message, "redirected", $"HTTP {status}", elsewhere.RootUri.Authority, "not followed");
        Assert.Empty(elsewhere.Requests);
        Assert.Single(server.Requests);
        Assert.Equal("Bearer " + ApiTest.Token, server.Requests[0].Header("Authorization"));
    }

    [Fact]
    public async Task RetryAfterInSecondsIsHonoured()
    {
        var (times, answer) = Sequence(RawAnswer.Http(429, "{}", "application/json", "Retry-After: 1"), RawAnswer.Json("{\"status\":\"in_queue\"}"));
        await using var server = RawHttpServer.Start(answer);
        var log = new List<string>();
        var client = ApiTest.Client(server.BaseUri, options: Patient(), log: Log(log));

        var reply = await client.GetStatusAsync("r1", ApiTest.Bounded());

        Assert.Equal(JobStates.InQueue, reply.Status);
        Assert.Contains(log, l => l.Contains("HTTP 429; retry 1/", StringComparison.Ordinal) && l.EndsWith("in 1.0 s.", StringComparison.Ordinal));
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), $"retried after {times[1] - times[0]}");
    }

    [Fact]
    public async Task RetryAfterAsAnHTTPDateIsHonoured()
    {
        // HTTP dates have whole seconds: two seconds ahead is at least one second of waiting.
        string when = DateTimeOffset.UtcNow.AddSeconds(2).ToString("r", CultureInfo.InvariantCulture);
        var (times, answer) = Sequence(RawAnswer.Http(503, "{}", "application/json", "Retry-After: " + when), RawAnswer.Json("{\"request_id\":\"r7\"}"));
        await using var server = RawHttpServer.Start(answer);
        var log = new List<string>();
        var client = ApiTest.Client(server.BaseUri, options: Patient(), log: Log(log));

        var receipt = await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ApiTest.Bounded());

        Assert.Equal("r7", receipt.RequestId);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), $"retried after {times[1] - times[0]}");
        Assert.Contains(log, l => l.Contains("HTTP 503; retry 1/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("86400")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task AHugeRetryAfterIsCappedAtMaxRetryDelay(string retryAfter)
    {
        var (_, answer) = Sequence(RawAnswer.Http(429, "{}", "application/json", "Retry-After: " + retryAfter), RawAnswer.Json("{\"status\":\"in_progress\"}"));
        await using var server = RawHttpServer.Start(answer);
        var log = new List<string>();
        var options = Patient();
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
        var clock = Stopwatch.StartNew();

        var reply = await ApiTest.Client(server.BaseUri, options: options, log: Log(log)).GetStatusAsync("r1", ApiTest.Bounded());

        Assert.Equal(JobStates.InProgress, reply.Status);
        Assert.Contains(log, l => l.EndsWith("in 0.2 s.", StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task GarbageRetryAfterFallsBackToBackoff()
    {
        var (_, answer) = Sequence(RawAnswer.Http(429, "{}", "application/json", "Retry-After: soon-ish"), RawAnswer.Json("{\"status\":\"in_progress\"}"));
        await using var server = RawHttpServer.Start(answer);
        var reply = await ApiTest.Client(server.BaseUri).GetStatusAsync("r1", ApiTest.Bounded());
        Assert.Equal(JobStates.InProgress, reply.Status);
        Assert.Equal(2, server.Requests.Count);
    }

    private static ClientOptions Patient() => new()
    {
        MaxAttempts = 3,
        BaseRetryDelay = TimeSpan.FromMilliseconds(2),
        MaxRetryDelay = TimeSpan.FromSeconds(30),
        RequestTimeout = TimeSpan.FromSeconds(15),
    };

    private static Action<string> Log(List<string> lines) => line => { lock (lines) lines.Add(line); };

    /// <summary>The i-th request gets the i-th answer (the last one repeats); arrival times are recorded.</summary>
    private static (List<TimeSpan> Times, Func<RawRequest, RawAnswer> Answer) Sequence(params RawAnswer[] answers)
    {
        var clock = Stopwatch.StartNew();
        var times = new List<TimeSpan>();
        return (times, _ =>
        {
            lock (times)
            {
                times.Add(clock.Elapsed);
                return answers[Math.Min(times.Count, answers.Length) - 1];
            }
        });
    }

    internal static async Task<object> Call(RunComfyClient client, ApiCall call, CancellationToken ct) => call switch
    {
        ApiCall.Submit => await client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct),
        ApiCall.Status => await client.GetStatusAsync("r1", ct),
        ApiCall.Result => await client.GetResultAsync("r1", true, ct),
        ApiCall.Cancel => await client.CancelAsync("r1", ct),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };
}
