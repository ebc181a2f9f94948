using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace HappyHorse.Tests.Infrastructure;

/// <summary>Everything one pipeline produced, stream by stream.</summary>
public sealed class PsResult
{
    public List<PSObject> Output { get; } = new();
    public List<ErrorRecord> Errors { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<string> Verbose { get; } = new();
    public List<string> Debug { get; } = new();
    public List<ProgressRecord> Progress { get; } = new();
    public List<string> Information { get; } = new();
    public Exception? Terminating { get; set; }
    public TimeSpan Elapsed { get; set; }

    public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

    public string ErrorText => string.Join(Environment.NewLine, Errors.Select(e => e.ToString()));

    /// <summary>Every piece of text the user could see or log, for secret checks.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        parts.AddRange(Output.Select(o => o.ToString()));
        foreach (var o in Output)
            foreach (var p in o.Properties)
            {
                try { parts.Add(p.Name + "=" + p.Value); } catch (GetValueException) { }
            }
        foreach (var e in Errors)
        {
            parts.Add(e.ToString());
            parts.Add(e.Exception.ToString());
            parts.Add(e.ErrorDetails?.Message ?? "");
            parts.Add(e.ErrorDetails?.RecommendedAction ?? "");
            parts.Add(e.TargetObject?.ToString() ?? "");
            parts.Add(e.FullyQualifiedErrorId);
        }
        parts.AddRange(Warnings);
        parts.AddRange(Verbose);
        parts.AddRange(Debug);
        parts.AddRange(Information);
        parts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
        if (Terminating != null) parts.Add(Terminating.ToString());
        return string.Join("\n", parts);
    }
}
