using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Threading;
using HappyHorse.Demo;
using HappyHorse.Emulator;

// The main job, end to end: CSV rows -> New-HHVideoJob | Wait-HHJob | Save-HHVideo -> videos on disk -> a report.

DemoOptions options;
try
{
    options = DemoOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(DemoOptions.HelpText);
    return 0;
}

string root = RepoRoot.Find();
string csvPath = Path.GetFullPath(options.CsvPath ?? Path.Combine(root, "examples", "prompts.csv"));
List<PSObject> rows;
try
{
    rows = CsvReader.ReadFile(csvPath);
}
catch (Exception ex) when (ex is FormatException or IOException)
{
    Console.Error.WriteLine($"Cannot read {csvPath}: {ex.Message}");
    return 2;
}
if (rows.Count == 0)
{
    Console.Error.WriteLine($"{csvPath} has no data rows: nothing to submit.");
    return 1;
}

var printer = new StreamPrinter();
EmulatorServer? emulator = null;
try
{
    string token, baseUri;
    if (options.UsesRemoteEndpoint)
    {
        token = options.Token!;
        baseUri = options.BaseUri!.AbsoluteUri;
        printer.Line("", $"Endpoint: {baseUri} (not the emulator: generations there may be paid).", ConsoleColor.Yellow);
    }
    else
    {
        // A fresh token per run: nothing secret is checked in, and no other client can use this emulator.
        token = "demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        // TimeScale 0.2: a 5 s video "generates" in 1 s, so the queue (4 workers) is visible but short.
        emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Tokens = new List<string> { token }, Workers = 4, TimeScale = 0.2 });
        baseUri = emulator.BaseUri.AbsoluteUri;
        printer.Line("", $"Emulator: {baseUri} (in-process; 4 workers, time scale 0.2)", null);
    }

    string manifest = Path.Combine(root, "out", "HappyHorse", "HappyHorse.psd1");
    printer.Line("", $"Module:   {manifest}", null);
    printer.Line("", $"Rows:     {rows.Count} from {csvPath}", null);
    printer.Line("", $"PS> {ModuleHost.Pipeline}", null);
    printer.Line("", "", null);

    // Name each video after its row's "name" column when the CSV has one.
    string fileName = rows[0].Properties["name"] != null ? "{Index}-{name}" : "{Index}-{RequestId}";
    string outputDirectory = Path.GetFullPath(options.OutputDirectory);
    printer.Line("", $"Videos:   {outputDirectory}", null);

    PipelineRun run;
    string? report;
    using (var host = ModuleHost.Open(manifest))
    {
        run = host.Run(rows, token, baseUri, outputDirectory, fileName, printer);
        report = host.WriteReport(run, Path.Combine(outputDirectory, "report.html"), printer);
    }

    var outcomes = RowOutcome.Collect(rows, run);
    if (run.Stopped)
    {
        // Jobs keep running on the service; the request ids in the table let the user collect them later.
        printer.Line("", "Stopped (Ctrl+C).", ConsoleColor.Yellow);
        foreach (var row in outcomes.Where(o => o.File == null))
            row.Status = row.Status == "succeeded" ? "not downloaded" : row.Status == "no result" ? "stopped" : row.Status;
    }

    ReportTable.Print(outcomes, printer);
    if (report != null) printer.Line("", $"Report:   {report} (open it in a browser)", ConsoleColor.Green);
    return outcomes.All(o => o.Succeeded) ? 0 : 1;
}
catch (Exception ex) when (ex is RuntimeException or FileNotFoundException or DirectoryNotFoundException)
{
    // The module did not import, or the repository layout is not there: nothing ran.
    printer.Line("ERROR: ", ex.Message, ConsoleColor.Red);
    return 1;
}
finally
{
    if (emulator != null) await emulator.DisposeAsync();
}
