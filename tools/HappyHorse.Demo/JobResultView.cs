using System;
using System.Management.Automation;

namespace HappyHorse.Demo;

/// <summary>
/// The fields of a HappyHorse.HHJobResult the demo needs, read by property name through PowerShell's
/// adapter. The demo does not compile against HappyHorse.dll: the engine loads the module's own copy,
/// and reading by name works whichever copy that is, just as a script would.
/// </summary>
public sealed class JobResultView
{
    private const string TypeName = "HappyHorse.HHJobResult";

    private JobResultView(string requestId, string status)
    {
        RequestId = requestId;
        Status = status;
    }

    public string RequestId { get; }

    /// <summary>succeeded, failed, cancelled (or in_queue / in_progress if read early).</summary>
    public string Status { get; }

    public string? VideoUrl { get; private init; }

    public string? Error { get; private init; }

    /// <summary>The pipeline row number of the job (from 1), when the job came through the pipeline.</summary>
    public int? Index { get; private init; }

    /// <summary>The CSV row the job was made from, when the job came through the pipeline.</summary>
    public PSObject? Row { get; private init; }

    /// <summary>Reads an HHJobResult (bare or wrapped in a PSObject); false for anything else.</summary>
    public static bool TryRead(object? value, out JobResultView view)
    {
        view = null!;
        if (value == null) return false;
        var result = PSObject.AsPSObject(value);
        if (!result.TypeNames.Contains(TypeName)) return false;

        object? job = Get(result, "Job");
        PSObject? jobObject = job == null ? null : PSObject.AsPSObject(job);
        view = new JobResultView(Get(result, "RequestId")?.ToString() ?? "", Get(result, "Status")?.ToString() ?? "")
        {
            VideoUrl = Get(result, "VideoUrl")?.ToString(),
            Error = Get(result, "Error")?.ToString(),
            Index = jobObject == null ? null : Get(jobObject, "Index") as int?,
            Row = jobObject == null ? null : Get(jobObject, "InputObject") is { } row ? PSObject.AsPSObject(row) : null,
        };
        return true;
    }

    private static object? Get(PSObject source, string name)
    {
        try
        {
            object? value = source.Properties[name]?.Value;
            return value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
        }
        catch (GetValueException)
        {
            return null;
        }
    }
}
