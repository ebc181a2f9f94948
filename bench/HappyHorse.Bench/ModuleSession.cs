using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace HappyHorse.Bench;

/// <summary>
/// PowerShell 7.6 hosted in this process with the built module imported from out/HappyHorse, the
/// files a user imports. Pipelines run asynchronously so the bench can watch and stop them.
/// </summary>
internal sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    private ModuleSession(Runspace runspace) => _runspace = runspace;

    /// <param name="alsoImport">Other module manifests to import beside it (e.g. the bench's floor module).</param>
    public static ModuleSession Open(params string[] alsoImport)
    {
        string manifest = BenchPaths.RequireFile(BenchPaths.ModuleManifest, "dotnet build HappyHorse.sln -c Release");
        // CreateDefault2: the engine's core cmdlets only, which is all a plain .NET host has.
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule([manifest, .. alsoImport]);
        var runspace = RunspaceFactory.CreateRunspace(iss);
        runspace.Open();
        return new ModuleSession(runspace);
    }

    public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Whether a cmdlet of the module has a parameter (features that land in parallel changes).</summary>
    public bool HasParameter(string command, string parameter)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript($"(Get-Command {command}).Parameters.ContainsKey('{parameter}')");
        return shell.Invoke<bool>().FirstOrDefault();
    }

    /// <summary>Runs a script to its end and returns its output; throws on any error.</summary>
    public List<PSObject> Invoke(string script)
    {
        using var shell = Shell(script);
        return Checked(shell, script, shell.Invoke());
    }

    /// <summary>
    /// <see cref="Invoke"/> without blocking the caller's thread. Code after an await runs on a pool
    /// worker, and a worker blocked for a whole pipeline (a user's pwsh waits on the console's thread,
    /// not on one of the pool's) keeps the pool's gate thread busy and its thread count up, which the
    /// module's own asynchronous work then pays for.
    /// </summary>
    public async Task<List<PSObject>> InvokeAsync(string script)
    {
        using var shell = Shell(script);
        return Checked(shell, script, await shell.InvokeAsync().ConfigureAwait(false));
    }

    public RunningPipeline Start(string script) => new(Shell(script));

    private PowerShell Shell(string script)
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        return shell;
    }

    /// <summary>The output, or an exception naming the script and its first errors.</summary>
    private static List<PSObject> Checked(PowerShell shell, string script, IEnumerable<PSObject> output)
    {
        var list = output.ToList();
        if (shell.HadErrors)
            throw new InvalidOperationException($"{script}: " + string.Join("; ", shell.Streams.Error.Take(3).Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return list;
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>A pipeline in flight: its output so far, its errors, and a way to stop it as Ctrl+C does.</summary>
internal sealed class RunningPipeline : IDisposable
{
    private readonly PowerShell _shell;
    private readonly PSDataCollection<PSObject> _output = new();
    private readonly IAsyncResult _handle;

    public RunningPipeline(PowerShell shell)
    {
        _shell = shell;
        _handle = shell.BeginInvoke<PSObject, PSObject>(null, _output);
        // Its own thread, not a pool worker: EndInvoke blocks for the pipeline's whole life, and a pool
        // worker blocked that long keeps the pool's gate thread busy and its thread count up, which the
        // module's waiting then paid for in the bench (a user's pwsh blocks no pool thread).
        Completion = Task.Factory.StartNew(Finish, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task<PipelineOutcome> Completion { get; }

    public int OutputCount => _output.Count;

    /// <summary>Stops the pipeline the way Ctrl+C does (the cmdlets' StopProcessing runs).</summary>
    public void Stop() => _shell.Stop();

    private PipelineOutcome Finish()
    {
        string? terminating = null;
        bool stopped = false;
        try
        {
            _shell.EndInvoke(_handle);
        }
        catch (PipelineStoppedException)
        {
            stopped = true;
        }
        catch (RuntimeException ex)
        {
            terminating = ex.ErrorRecord?.ToString() ?? ex.Message;
        }
        var errors = _shell.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e).ToList();
        return new PipelineOutcome(_output.ToList(), errors, terminating, stopped);
    }

    public void Dispose() => _shell.Dispose();
}

internal sealed record PipelineOutcome(List<PSObject> Output, List<string> Errors, string? Terminating, bool Stopped);
