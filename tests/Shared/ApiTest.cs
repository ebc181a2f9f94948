using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Emulator;
using Xunit;

namespace HappyHorse.Tests.Shared;

/// <summary>Shared constants and helpers of the HTTP-core tests: fast options, bounded waits, typed failure capture.</summary>
internal static class ApiTest
{
    public const string Model = "happyhorse/happyhorse-1.0/reference-to-video";
    public const string Token = "demo-token";

    public const string ValidJson = """{"prompt": "character1 walks through a neon market", "image_url_1": "https://example.com/c1.png", "duration": 5}""";

    public static byte[] ValidBody => Encoding.UTF8.GetBytes(ValidJson);

    /// <summary>Small retry delays so a retry test costs milliseconds; a generous per-request timeout for loaded machines.</summary>
    public static ClientOptions Fast(int maxAttempts = 4, int requestTimeoutMs = 15_000) => new()
    {
        MaxAttempts = maxAttempts,
        BaseRetryDelay = TimeSpan.FromMilliseconds(2),
        MaxRetryDelay = TimeSpan.FromMilliseconds(15),
        RequestTimeout = TimeSpan.FromMilliseconds(requestTimeoutMs),
    };

    public static RunComfyClient Client(Uri baseUri, string token = Token, ClientOptions? options = null, Action<string>? log = null) =>
        new(baseUri, ApiCredential.FromPlainText(token), options ?? Fast(), log);

    /// <summary>Every call in these tests is bounded: a hang fails the test instead of stalling the run.</summary>
    public static CancellationToken Bounded(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>Runs the call and returns its RunComfyApiException; any other outcome (success, NRE, hang) fails with what happened.</summary>
    public static async Task<RunComfyApiException> ThrowsApiAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RunComfyApiException api)
        {
            return api;
        }
        catch (Exception other)
        {
            Assert.Fail($"Expected a RunComfyApiException, got {other}");
        }
        Assert.Fail("Expected a RunComfyApiException, but the call succeeded.");
        return null!;
    }

    public static Task<RunComfyApiException> ThrowsApiAsync<T>(Func<Task<T>> call) => ThrowsApiAsync(async () => { await call(); });

    /// <summary>Polls (bounded) until the condition holds; never a fixed sleep standing in for synchronisation.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds) Assert.Fail($"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(5);
        }
    }

    /// <summary>Polls /status through the client until the job is finished; returns the last status.</summary>
    public static async Task<StatusReply> WaitFinishedAsync(RunComfyClient client, string requestId, CancellationToken cancellationToken)
    {
        StatusReply status = await client.GetStatusAsync(requestId, cancellationToken);
        await UntilAsync(async () =>
        {
            status = await client.GetStatusAsync(requestId, cancellationToken);
            return JobStates.IsFinished(status.Status);
        }, $"job {requestId} to finish");
        return status;
    }

    /// <summary>A client log that clears a fault once the client announced <paramref name="retries"/> retries: the fault lasts exactly that many requests.</summary>
    public static Action<string> ClearAfterRetries(EmulatorServer server, EmulatorEndpoint endpoint, FaultKind kind, int retries, List<string>? lines = null)
    {
        int seen = 0;
        return line =>
        {
            lock (lines ?? new List<string>()) lines?.Add(line);
            if (line.Contains("; retry ", StringComparison.Ordinal) && Interlocked.Increment(ref seen) == retries)
                server.Options.Faults.Set(endpoint, kind, 0);
        };
    }

    /// <summary>Asserts a message mentions every fragment (case-insensitive), showing the message on failure.</summary>
    public static void Mentions(string message, params string[] fragments)
    {
        foreach (string fragment in fragments)
            Assert.True(message.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"'{fragment}' not found in: {message}");
    }
}
