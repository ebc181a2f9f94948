using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace HappyHorse.Demo;

/// <summary>
/// A PowerShell 7.6 engine hosted in this process with the built module imported from
/// out/HappyHorse, the same files a user imports, so the demo exercises exactly what ships.
/// </summary>
public sealed class ModuleHost : IDisposable
{
    /// <summary>The user's pipeline, verbatim. Only $rows, $t, $b, $out and $name are supplied by the demo.</summary>
    public const string Pipeline = "$rows | New-HHVideoJob -Token $t -BaseUri $b -Verbose | Wait-HHJob -PollInterval 1 -OutVariable results | Save-HHVideo -Path $out -FileName $name";

    private readonly Runspace _runspace;

    private ModuleHost(Runspace runspace) => _runspace = runspace;

    /// <exception cref="RuntimeException">The module could not be imported (e.g. out/HappyHorse is missing).</exception>
    public static ModuleHost Open(string manifestPath)
    {
        if (!File.Exists(manifestPath))
            throw new FileNotFoundException($"The built module is missing: {manifestPath}. Build it with: dotnet build src/HappyHorse", manifestPath);
        // CreateDefault2 loads only the engine's core cmdlets; CreateDefault needs PowerShell's own
        // module folders, which a plain .NET app does not have.
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { manifestPath });
        var runspace = RunspaceFactory.CreateRunspace(iss);
        try
        {
            runspace.Open();
        }
        catch
        {
            runspace.Dispose();
            throw;
        }
        return new ModuleHost(runspace);
    }

    /// <summary>
    /// Runs <see cref="Pipeline"/>, printing each stream live through <paramref name="printer"/>.
    /// Ctrl+C stops the pipeline the way it does in pwsh (the module's StopProcessing runs).
    /// </summary>
    public PipelineRun Run(IReadOnlyList<PSObject> rows, string token, string baseUri, string outputDirectory, string fileName, StreamPrinter printer)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        _runspace.SessionStateProxy.SetVariable("rows", rows);
        _runspace.SessionStateProxy.SetVariable("t", token);
        _runspace.SessionStateProxy.SetVariable("b", baseUri);
        _runspace.SessionStateProxy.SetVariable("out", outputDirectory);
        _runspace.SessionStateProxy.SetVariable("name", fileName);
        shell.AddScript(Pipeline);
        printer.Attach(shell);

        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, e) =>
        {
            // Each video arrives as soon as its job finished and downloaded; say so now rather than at the end.
            if (output[e.Index].BaseObject is FileInfo file)
                printer.Line("SAVED: ", $"{file.FullName} ({file.Length:N0} bytes) for {output[e.Index].Properties["RequestId"]?.Value}", ConsoleColor.Green);
        };

        var run = new PipelineRun();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true; // stop the pipeline, then report what finished, instead of dying
            run.Stopped = true;
            shell.BeginStop(null, null);
        };
        Console.CancelKeyPress += stop;
        try
        {
            shell.EndInvoke(shell.BeginInvoke<PSObject, PSObject>(null, output));
        }
        catch (RuntimeException ex) when (ex is not PipelineStoppedException)
        {
            // A terminating error (e.g. no token, a bad -BaseUri) ends the whole pipeline.
            run.Terminating = ex.ErrorRecord;
            printer.Error(ex.ErrorRecord);
        }
        catch (PipelineStoppedException)
        {
            run.Stopped = true;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }

        run.Files.AddRange(output);
        if (_runspace.SessionStateProxy.GetVariable("results") is System.Collections.IEnumerable results)
            foreach (var result in results) run.Output.Add(PSObject.AsPSObject(result));
        run.Errors.AddRange(shell.Streams.Error);
        return run;
    }

    /// <summary>
    /// Export-HHReport over everything the run produced: saved files (with their sidecars), results,
    /// and the errors of failed or refused rows. Returns the page's path, or null (the error is printed).
    /// </summary>
    public string? WriteReport(PipelineRun run, string path, StreamPrinter printer)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        var items = new List<object>();
        items.AddRange(run.Files);
        items.AddRange(run.Output);
        items.AddRange(run.Errors);
        _runspace.SessionStateProxy.SetVariable("items", items);
        _runspace.SessionStateProxy.SetVariable("report", path);
        shell.AddScript("$items | Export-HHReport -Path $report");
        try
        {
            var written = shell.Invoke();
            foreach (var error in shell.Streams.Error) printer.Error(error);
            return written.Count > 0 && written[0].BaseObject is FileInfo file ? file.FullName : null;
        }
        catch (RuntimeException ex)
        {
            printer.Error(ex.ErrorRecord);
            return null;
        }
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>What one run of the pipeline produced.</summary>
public sealed class PipelineRun
{
    /// <summary>What Wait-HHJob wrote (captured with -OutVariable): one result per finished job.</summary>
    public List<PSObject> Output { get; } = new();

    /// <summary>What Save-HHVideo wrote: a FileInfo per video, with the job's RequestId.</summary>
    public List<PSObject> Files { get; } = new();

    public List<ErrorRecord> Errors { get; } = new();

    public ErrorRecord? Terminating { get; set; }

    public bool Stopped { get; set; }
}
