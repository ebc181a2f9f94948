using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using HappyHorse.Emulator;
using Xunit;

namespace HappyHorse.Tests.Infrastructure;

/// <summary>
/// Each test gets its own emulator on a free loopback port and its own hosted engine, so tests run
/// in parallel without sharing jobs, counters or session state.
/// </summary>
public abstract class ModuleTestBase : IAsyncLifetime
{
    public const string Token = "test-token-5f1c9a";

    protected EmulatorServer Emulator { get; private set; } = null!;
    protected PsSession Shell { get; private set; } = null!;

    protected virtual void Configure(EmulatorOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { Tokens = new List<string> { Token }, Workers = 8, TimeScale = 0.01, Seed = 7 };
        Configure(options);
        Emulator = await EmulatorServer.StartAsync(options);
        Shell = new PsSession();
    }

    public async Task DisposeAsync()
    {
        Shell.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>Runs a script with $Token and $BaseUri set for the emulator, plus any variables given.</summary>
    protected PsResult Run(string script, params (string Name, object? Value)[] variables)
    {
        var vars = new Dictionary<string, object?>
        {
            ["Token"] = Token,
            ["BaseUri"] = Emulator.BaseUri.AbsoluteUri,
        };
        foreach (var (name, value) in variables) vars[name] = value;
        return Shell.Run(script, vars);
    }

    protected long Submits => Emulator.Accounting.RequestCount(EmulatorEndpoint.Submit);
}
