using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Emulator;
using Xunit;

namespace HappyHorse.Core.Tests.Api;

/// <summary>A closed port: nothing reached a server, so even a submit may be sent again.</summary>
public sealed class ConnectionRefusedTests
{
    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [Fact]
    public async Task StatusToAClosedPortIsNetworkAfterMaxAttempts()
    {
        int port = ClosedPort();
        var log = new List<string>();
        var client = ApiTest.Client(new Uri($"http://127.0.0.1:{port}/v1"), options: ApiTest.Fast(maxAttempts: 3), log: l => { lock (log) log.Add(l); });

        var ex = await ApiTest.ThrowsApiAsync(() => client.GetStatusAsync("abc", ApiTest.Bounded()));
        Assert.Equal(ApiErrorKind.Network, ex.Kind);
        ApiTest.Mentions(ex.Message, $"127.0.0.1:{port}/v1/requests/abc/status");
        Assert.Equal(2, log.FindAll(l => l.Contains("; retry ")).Count);
    }

    [Fact]
    public async Task SubmitToAClosedPortIsNetworkNotOutcomeUnknownAndIsRetried()
    {
        int port = ClosedPort();
        var log = new List<string>();
        var client = ApiTest.Client(new Uri($"http://127.0.0.1:{port}/v1"), options: ApiTest.Fast(maxAttempts: 3), log: l => { lock (log) log.Add(l); });

        var ex = await ApiTest.ThrowsApiAsync(() => client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ApiTest.Bounded()));
        Assert.Equal(ApiErrorKind.Network, ex.Kind);
        Assert.Equal(2, log.FindAll(l => l.Contains("; retry ")).Count);
    }

    [Fact]
    public async Task SubmitRetriedAfterRefusalsLandsOnceWhenTheServerComesUp()
    {
        int port = ClosedPort();
        var firstRefusal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ClientOptions
        {
            MaxAttempts = 400, // refusals on loopback are instant; the delays keep it retrying for several seconds
            BaseRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(40),
            RequestTimeout = TimeSpan.FromSeconds(15),
        };
        var client = ApiTest.Client(new Uri($"http://127.0.0.1:{port}/v1"), options: options,
            log: l => { if (l.Contains("; retry ")) firstRefusal.TrySetResult(); });
        CancellationToken ct = ApiTest.Bounded();

        Task<SubmitReceipt> submit = client.SubmitAsync(ApiTest.Model, ApiTest.ValidBody, ct);
        await firstRefusal.Task.WaitAsync(ct);
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0 }, $"http://127.0.0.1:{port}");

        SubmitReceipt receipt = await submit;
        Assert.NotEmpty(receipt.RequestId);
        Assert.Equal(1, server.Accounting.RequestCount(EmulatorEndpoint.Submit));
        Assert.Equal(1, server.Accounting.AcceptedSubmissions);
    }
}
