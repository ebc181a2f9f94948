using System;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Emulator;
using Xunit;

namespace HappyHorse.Core.Tests.Preflight;

/// <summary>An emulator used as a third-party image host: URLs under /images and its byte and header counters.</summary>
public abstract class ImageHostTestBase : IAsyncLifetime
{
    protected EmulatorServer Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.01 });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>e.g. Image("cat.jpg", "format=png&amp;w=800&amp;h=600").</summary>
    protected string Image(string name, string query = "") =>
        $"{Host.RootUri.AbsoluteUri.TrimEnd('/')}/images/{name}{(query.Length > 0 ? "?" + query : "")}";

    protected long ImageRequests => Host.Accounting.RequestCount(EmulatorEndpoint.Image);

    protected static CancellationToken Bounded(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
