using HappyHorse.Emulator.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HappyHorse.Emulator;

/// <summary>
/// A running emulator on Kestrel. Built on the empty host builder: no appsettings, environment
/// variables or console logging, so tests in the same process start fast and are not affected by
/// the machine they run on.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;

    private EmulatorServer(WebApplication app, EmulatorState state, Uri rootUri)
    {
        _app = app;
        _state = state;
        RootUri = rootUri;
        BaseUri = new Uri(rootUri, "/v1");
    }

    /// <summary>e.g. http://127.0.0.1:40123/v1 (no trailing slash).</summary>
    public Uri BaseUri { get; }

    /// <summary>e.g. http://127.0.0.1:40123.</summary>
    public Uri RootUri { get; }

    public EmulatorOptions Options => _state.Options;

    /// <summary>The seed in use: <see cref="EmulatorOptions.Seed"/>, or the one drawn at start (or at the last reset) when none was given.</summary>
    public int Seed => _state.Seed;

    public EmulatorAccounting Accounting => _state.Accounting;

    /// <summary>
    /// Raw JSON body of every accepted submission, in order (a snapshot). An inline image (a data: URI)
    /// is kept as data:&lt;type&gt;;sha256,&lt;hex of the decoded bytes&gt;, so memory does not grow with them.
    /// </summary>
    public IReadOnlyList<string> SubmittedBodies => _state.Submissions.Snapshot();

    /// <param name="url">One or more ';'-separated URLs; port 0 picks a free port, read back from Kestrel.</param>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new EmulatorState(options);
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = SubmitHandler.MaxBodyBytes;
        });
        builder.WebHost.UseUrls(url);
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        app.UseRouting();
        Routes.Map(app, state);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorServer(app, state, new Uri(address.TrimEnd('/')));
    }

    /// <summary>"in_queue", "in_progress", "succeeded", "failed", "cancelled", or null for an unknown id.</summary>
    public string? GetJobState(string requestId) => _state.Jobs.Find(requestId) is { } job ? Simulation.JobStateNames.ResultStatus(job.State) : null;

    /// <summary>Clears jobs, counters, faults and recorded submissions; the seeded draws start over (from a fresh seed when none was given).</summary>
    public void Reset() => _state.Reset();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
