using System;
using System.Management.Automation;

namespace HappyHorse.Demo;

/// <summary>
/// Prints a pipeline's verbose, warning, error, progress and information records the moment the
/// module writes them, the way pwsh shows them, so a long wait is never silent. It subscribes to
/// DataAdded instead of reading the streams at the end, because the end may be minutes away.
/// </summary>
public sealed class StreamPrinter
{
    private readonly object _console = new();
    private string? _lastProgress;

    /// <summary>Starts printing every record <paramref name="shell"/> writes from now on.</summary>
    public void Attach(PowerShell shell)
    {
        PSDataStreams streams = shell.Streams;
        streams.Verbose.DataAdded += (_, e) => Line("VERBOSE: ", streams.Verbose[e.Index].Message, ConsoleColor.DarkYellow);
        streams.Warning.DataAdded += (_, e) => Line("WARNING: ", streams.Warning[e.Index].Message, ConsoleColor.Yellow);
        streams.Error.DataAdded += (_, e) => Error(streams.Error[e.Index]);
        streams.Information.DataAdded += (_, e) => Line("", streams.Information[e.Index].ToString(), null);
        streams.Progress.DataAdded += (_, e) => Progress(streams.Progress[e.Index]);
    }

    /// <summary>One prefixed line (or block) in a colour, unless the output is redirected to a file.</summary>
    public void Line(string prefix, string message, ConsoleColor? color)
    {
        lock (_console) // events come from the pipeline thread while Program may be writing too
        {
            bool paint = color.HasValue && !Console.IsOutputRedirected;
            if (paint) Console.ForegroundColor = color!.Value;
            Console.WriteLine(prefix + message);
            if (paint) Console.ResetColor();
        }
    }

    public void Error(ErrorRecord record)
    {
        // ToString() prefers ErrorDetails.Message: the module's human sentence, never the token.
        string text = record.ToString();
        string? action = record.ErrorDetails?.RecommendedAction;
        if (!string.IsNullOrWhiteSpace(action)) text += Environment.NewLine + "       " + action;
        Line("ERROR: ", text, ConsoleColor.Red);
    }

    private void Progress(ProgressRecord record)
    {
        // Wait-HHJob repeats its counts every poll round; print only changes to keep the log short.
        if (record.RecordType == ProgressRecordType.Completed) return;
        string text = $"{record.Activity}: {record.StatusDescription}";
        lock (_console)
        {
            if (text == _lastProgress) return;
            _lastProgress = text;
        }
        Line("PROGRESS: ", text, ConsoleColor.Cyan);
    }
}
