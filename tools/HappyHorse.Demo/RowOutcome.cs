using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace HappyHorse.Demo;

/// <summary>What became of one CSV row: its job, its video and, if it went wrong, why.</summary>
public sealed class RowOutcome
{
    public RowOutcome(int index, string? name)
    {
        Index = index;
        Name = name;
    }

    /// <summary>The row number from 1, as the module counts it in its messages ("Row 3 ...").</summary>
    public int Index { get; }

    /// <summary>The row's "name" cell, if it has one.</summary>
    public string? Name { get; }

    public string? RequestId { get; set; }

    /// <summary>The job's status (succeeded, failed, cancelled), or what stopped the row before it had one.</summary>
    public string Status { get; set; } = "no result";

    public string? VideoUrl { get; set; }

    public string? File { get; set; }

    public long? Bytes { get; set; }

    public string? Problem { get; set; }

    /// <summary>The goal of the demo for this row: a video on disk.</summary>
    public bool Succeeded => Status == "succeeded" && File != null;

    /// <summary>
    /// One outcome per row, from the results and error records of a pipeline run. The module puts
    /// the row (or the job's result, which carries the row) on its errors as TargetObject, which is
    /// how a failure is matched back to its row without parsing messages.
    /// </summary>
    public static List<RowOutcome> Collect(IReadOnlyList<PSObject> rows, PipelineRun run)
    {
        var outcomes = new List<RowOutcome>();
        for (int i = 0; i < rows.Count; i++)
            outcomes.Add(new RowOutcome(i + 1, Cell(rows[i], "name")));

        RowOutcome? Find(JobResultView view)
        {
            if (view.Index is int index && index >= 1 && index <= outcomes.Count) return outcomes[index - 1];
            return view.Row == null ? null : FindRow(view.Row);
        }

        RowOutcome? FindRow(PSObject row)
        {
            for (int i = 0; i < rows.Count; i++)
                if (ReferenceEquals(rows[i], row)) // the engine passes the row object itself down the pipeline
                    return outcomes[i];
            return null;
        }

        foreach (var item in run.Output)
        {
            if (!JobResultView.TryRead(item, out var result) || Find(result) is not { } outcome) continue;
            outcome.RequestId = result.RequestId;
            outcome.Status = result.Status;
            outcome.VideoUrl = result.VideoUrl;
        }

        foreach (var item in run.Files)
        {
            if (item.BaseObject is not System.IO.FileInfo file) continue;
            string? id = item.Properties["RequestId"]?.Value?.ToString();
            if (outcomes.Find(o => o.RequestId == id) is not { } saved) continue;
            saved.File = file.FullName;
            saved.Bytes = file.Length;
        }

        foreach (var error in run.Errors)
        {
            RowOutcome? outcome = error.TargetObject switch
            {
                PSObject row when JobResultView.TryRead(row, out var view) => Apply(Find(view), view),
                PSObject row => FindRow(row),
                { } other when JobResultView.TryRead(other, out var view) => Apply(Find(view), view),
                string requestId => outcomes.Find(o => o.RequestId == requestId),
                _ => null,
            };
            if (outcome == null || outcome.Problem != null) continue;
            if (outcome.Status == "no result") outcome.Status = error.CategoryInfo.Category == ErrorCategory.InvalidArgument ? "invalid" : "error";
            outcome.Problem = error.ToString();
        }
        return outcomes;
    }

    private static RowOutcome? Apply(RowOutcome? outcome, JobResultView view)
    {
        if (outcome == null) return null;
        outcome.RequestId = view.RequestId;
        outcome.Status = view.Status;
        return outcome;
    }

    private static string? Cell(PSObject row, string column)
    {
        string? text = row.Properties[column]?.Value?.ToString();
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
