using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace HappyHorse.Tests.Infrastructure;

/// <summary>
/// A hosted PowerShell 7.6 engine with the built module (out/HappyHorse) imported, running
/// scripts as a user would and collecting every stream.
/// </summary>
public sealed class PsSession : IDisposable
{
    private readonly Runspace _runspace;

    /// <summary>What reached the console: -WhatIf lines, host writes.</summary>
    public CapturingHost Host { get; }

    public PsSession(System.Globalization.CultureInfo? culture = null)
    {
        Host = new CapturingHost(culture);
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { RepoPaths.ModuleManifest });
        _runspace = RunspaceFactory.CreateRunspace(Host, iss);
        _runspace.Open();
    }

    public PsResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables != null)
            foreach (var pair in variables) _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        ps.AddScript(script);
        return Collect(ps, () => ps.Invoke());
    }

    /// <summary>Starts a script and returns the running PowerShell so a test can Stop() it mid-way.</summary>
    public (PowerShell Shell, IAsyncResult Handle, PSDataCollection<PSObject> Output) Start(string script, IDictionary<string, object?>? variables = null)
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables != null)
            foreach (var pair in variables) _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        ps.AddScript(script);
        var output = new PSDataCollection<PSObject>();
        var handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
        return (ps, handle, output);
    }

    /// <summary>What tab completion offers for <paramref name="input"/> with the cursor at its end, as in a console.</summary>
    public CommandCompletion Complete(string input)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        return CommandCompletion.CompleteInput(input, input.Length, null, ps);
    }

    public static PsResult Collect(PowerShell ps, Func<IEnumerable<PSObject>> invoke)
    {
        var result = new PsResult();
        var watch = Stopwatch.StartNew();
        try
        {
            result.Output.AddRange(invoke());
        }
        catch (RuntimeException ex)
        {
            result.Terminating = ex;
        }
        watch.Stop();
        result.Elapsed = watch.Elapsed;
        result.Errors.AddRange(ps.Streams.Error);
        foreach (var w in ps.Streams.Warning) result.Warnings.Add(w.Message);
        foreach (var v in ps.Streams.Verbose) result.Verbose.Add(v.Message);
        foreach (var d in ps.Streams.Debug) result.Debug.Add(d.Message);
        foreach (var i in ps.Streams.Information) result.Information.Add(i.ToString());
        result.Progress.AddRange(ps.Streams.Progress);
        return result;
    }

    public void Dispose() => _runspace.Dispose();
}
