using System;
using System.IO;
using System.Linq;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>-RetryFailed: a re-run with the same journal sends again exactly the rows whose last job failed, each as a new attempt.</summary>
public class RetryFailedTests : ModuleTestBase, IDisposable
{
    private const string FailMarker = "[fails]";
    private static readonly int[] FailingRows = { 3, 7 };
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-retry-").FullName;

    // 0.2 USD per second, 5 s rows: each submit is estimated at 1 USD.
    protected override void Configure(EmulatorOptions options) => options.BasePriceUsd = 0.2m;

    private string JournalFile => Path.Combine(_folder, "batch.jsonl");

    private static System.Management.Automation.PSObject[] Rows() => Enumerable.Range(1, 10)
        .Select(i => CsvRows.Row(("name", "row" + i), ("prompt", "character1 scene " + i + (FailingRows.Contains(i) ? " " + FailMarker : "")),
            ("image_url_1", "https://img.example/" + i + ".png"), ("duration", "5")))
        .ToArray();

    private PsResult Batch(string extra = "", bool wait = true) =>
        Run($"$rows | New-HHVideoJob -JournalPath $journal -Token $Token -BaseUri $BaseUri {extra}" + (wait ? " | Wait-HHJob -PollInterval 1" : ""),
            ("rows", Rows()), ("journal", JournalFile));

    private void RunWithTwoFailures()
    {
        Emulator.Options.Faults.FailPromptContaining = FailMarker;
        var first = Batch();
        Assert.Equal(10, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(8, first.Objects<HHJobResult>().Count());
        Assert.Equal(2, first.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("HappyHorse.JobFailed", StringComparison.Ordinal)));
        Emulator.Options.Faults.FailPromptContaining = null;
    }

    [Fact]
    public void TheRerunSubmitsExactlyTheFailedRowsAndAThirdRunNothing()
    {
        RunWithTwoFailures();

        var plain = Batch(wait: false);
        Assert.True(plain.Errors.Count == 0, plain.ErrorText);
        Assert.Equal(10, Emulator.Accounting.AcceptedSubmissions); // without -RetryFailed, failed rows re-attach too
        Assert.All(plain.Objects<HHVideoJob>(), j => Assert.True(j.Resumed));

        var retry = Batch("-RetryFailed");
        Assert.True(retry.Errors.Count == 0, retry.ErrorText);
        Assert.Equal(12, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(2, Emulator.Accounting.DuplicateSubmissions); // the two retries are the only repeated bodies
        Assert.All(Emulator.SubmittedBodies.Skip(10), b => Assert.Contains(FailMarker, b));
        Assert.Equal(10, retry.Objects<HHJobResult>().Count());

        var entries = Run("Get-HHJournal -Path $journal", ("journal", JournalFile)).Objects<HHJournalEntry>().OrderBy(e => e.Index).ToList();
        Assert.Equal(10, entries.Count);
        foreach (var entry in entries)
        {
            bool retried = FailingRows.Contains(entry.Index!.Value);
            Assert.Equal(retried ? 2 : 1, entry.Attempts);
            Assert.Equal("succeeded", entry.Status);
            Assert.Equal(retried ? 1 : 0, entry.EarlierAttempts.Length);
            if (retried)
            {
                Assert.Equal("failed", entry.EarlierAttempts[0].Status);
                Assert.NotEqual(entry.RequestId, entry.EarlierAttempts[0].RequestId);
            }
        }

        // The review page shows every attempt of a retried row, and none for the others.
        string report = System.IO.Path.ChangeExtension(JournalFile, ".html");
        var exported = Run("Export-HHReport -Path $report -JournalPath $journal", ("report", report), ("journal", JournalFile));
        Assert.True(exported.Errors.Count == 0, exported.ErrorText);
        string html = System.IO.File.ReadAllText(report);
        foreach (var entry in entries.Where(e => FailingRows.Contains(e.Index!.Value)))
            Assert.Contains($"Attempt 1 of 2: {entry.EarlierAttempts[0].RequestId}, failed", html);
        Assert.Equal(FailingRows.Length, System.Text.RegularExpressions.Regex.Matches(html, "<ol class=\"attempts\">").Count);

        var third = Batch("-RetryFailed");
        Assert.True(third.Errors.Count == 0, third.ErrorText);
        Assert.Equal(12, Emulator.Accounting.AcceptedSubmissions);
        Assert.All(third.Objects<HHJobResult>(), r => Assert.Equal("succeeded", r.Status));
    }

    [Fact]
    public void MaxTotalCostCountsTheRetriesOnly()
    {
        RunWithTwoFailures();

        // Re-attached rows cost nothing; the first retry (1 USD) fits, the second would make 2 USD.
        var retry = Batch("-RetryFailed -MaxTotalCost 1.5", wait: false);
        Assert.Equal(11, Emulator.Accounting.AcceptedSubmissions);
        var stop = Assert.Single(retry.Errors, e => e.FullyQualifiedErrorId.StartsWith("HappyHorse.BudgetExceeded", StringComparison.Ordinal));
        Assert.Contains("Stopped at row 7", stop.ToString());
        Assert.Contains(FailMarker, Emulator.SubmittedBodies.Last());
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
