using System;
using System.IO;
using System.Linq;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>-JournalPath: a re-run of the same CSV never pays twice, and what a journal holds can be listed and resumed.</summary>
public class JournalTests : ModuleTestBase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-journal-").FullName;

    private string JournalFile => Path.Combine(_folder, "batch.jsonl");

    private static System.Management.Automation.PSObject[] Rows(int count, string tag = "") => Enumerable.Range(1, count)
        .Select(i => CsvRows.Row(("name", "row" + i), ("prompt", "character1 scene " + i + tag), ("image_url_1", "https://img.example/" + i + ".png"), ("duration", "")))
        .ToArray();

    private PsResult Submit(object rows, string extra = "") =>
        Run($"$rows | New-HHVideoJob -JournalPath $journal -Token $Token -BaseUri $BaseUri {extra}", ("rows", rows), ("journal", JournalFile));

    [Fact]
    public void ARerunOfTheSameRowsSubmitsNothingAndReattachesToTheSameJobs()
    {
        var first = Submit(Rows(5));
        Assert.True(first.Errors.Count == 0, first.ErrorText);
        Assert.Equal(5, Emulator.Accounting.AcceptedSubmissions);

        var second = Submit(Rows(5));
        Assert.True(second.Errors.Count == 0, second.ErrorText);
        Assert.Equal(5, Emulator.Accounting.AcceptedSubmissions);
        var before = first.Objects<HHVideoJob>().ToDictionary(j => j.Index, j => j.RequestId);
        var after = second.Objects<HHVideoJob>().ToList();
        Assert.Equal(5, after.Count);
        Assert.All(after, j => Assert.True(j.Resumed));
        Assert.All(after, j => Assert.Equal(before[j.Index], j.RequestId));
    }

    [Fact]
    public void OnlyNewOrChangedRowsAreSubmittedAndIdenticalRowsCountSeparately()
    {
        Submit(Rows(3));
        var rows = Rows(3).ToList();
        rows[1] = CsvRows.Row(("name", "row2"), ("prompt", "character1 scene 2, changed"), ("image_url_1", "https://img.example/2.png"));
        rows.Add(Rows(1)[0]); // identical to row 1: a second copy is a second job
        var result = Submit(rows.ToArray());

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(5, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(1, Emulator.Accounting.DuplicateSubmissions); // the deliberate identical row, nothing else
        var jobs = result.Objects<HHVideoJob>().OrderBy(j => j.Index).ToList();
        Assert.Equal(new[] { true, false, true, false }, jobs.Select(j => j.Resumed));

        Submit(rows.ToArray());
        Assert.Equal(5, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void EachJobIsOnDiskBeforeItReachesThePipeline()
    {
        var result = Run("""
            $rows | New-HHVideoJob -JournalPath $journal -ThrottleLimit 4 -Token $Token -BaseUri $BaseUri |
                ForEach-Object { $id = $_.RequestId; @(Get-HHJournal -Path $journal | Where-Object { $_.RequestId -eq $id -and $_.SubmitState -eq 'submitted' }).Count }
            """, ("rows", Rows(8)), ("journal", JournalFile));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(Enumerable.Repeat(1, 8), result.Output.Select(o => (int)o.BaseObject));
    }

    [Fact]
    public void ATornLastLineIsSkippedWithAWarningAndTheJournalGoesOn()
    {
        Submit(Rows(3));
        File.AppendAllText(JournalFile, "{\"time\":\"2026-11-25T03:00:00Z\",\"event\":\"submi");
        var result = Submit(Rows(4));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Contains(result.Warnings, w => w.Contains("unreadable line"));
        Assert.Equal(4, Emulator.Accounting.AcceptedSubmissions);

        var listed = Run("Get-HHJournal -Path $journal", ("journal", JournalFile));
        Assert.Equal(4, listed.Objects<HHJournalEntry>().Count(e => e.SubmitState == "submitted"));
    }

    [Fact]
    public void AnUnknownOutcomeIsNeverResentUnlessAskedTo()
    {
        Emulator.Options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.DropAfterAccept, 1.0);
        var first = Submit(Rows(1));
        var error = Assert.Single(first.Errors);
        Assert.StartsWith("HappyHorse.Submit.OutcomeUnknown,", error.FullyQualifiedErrorId);
        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal("unknown", Assert.Single(Run("Get-HHJournal $journal", ("journal", JournalFile)).Objects<HHJournalEntry>()).SubmitState);

        Emulator.Options.Faults.Set(EmulatorEndpoint.Submit, FaultKind.DropAfterAccept, 0);
        var rerun = Submit(Rows(1));
        Assert.StartsWith("HappyHorse.OutcomeUnknown,", Assert.Single(rerun.Errors).FullyQualifiedErrorId);
        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);

        var forced = Submit(Rows(1), "-ResubmitUnknown");
        Assert.True(forced.Errors.Count == 0, forced.ErrorText);
        Assert.Single(forced.Objects<HHVideoJob>());
        Assert.Equal(2, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void AJournalHeldByAnotherWriterIsRefusedAndNothingIsSent()
    {
        // Another writer holds the journal file itself, as the module does (an exclusive lock).
        using var other = new FileStream(JournalFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, OperatingSystem.IsWindows() ? FileShare.Read : FileShare.None);
        var result = Submit(Rows(2));
        // A cmdlet's terminating error ends its statement; the hosted script records it in the error stream.
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.JournalUnavailable", error.FullyQualifiedErrorId);
        Assert.Contains("in use by another process", error.ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void ResumeFindsUnfinishedJobsAndWaitRecordsTheirResults()
    {
        Submit(Rows(4));
        using var later = new PsSession(); // a new session after a reboot: nothing but the journal
        var resumed = later.Run("Resume-HHJob -JournalPath $journal | Wait-HHJob -PollInterval 1 -Token $Token -BaseUri $BaseUri",
            new System.Collections.Generic.Dictionary<string, object?> { ["journal"] = JournalFile, ["Token"] = Token, ["BaseUri"] = Emulator.BaseUri.AbsoluteUri });
        Assert.True(resumed.Errors.Count == 0, resumed.ErrorText);
        var results = resumed.Objects<HHJobResult>().ToList();
        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.StartsWith("row", (string)r.Job!.InputObject!.Properties["name"].Value));
        Assert.Equal(4, Emulator.Accounting.AcceptedSubmissions);

        var entries = Run("Get-HHJournal -Path $journal -State succeeded", ("journal", JournalFile)).Objects<HHJournalEntry>().ToList();
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.StartsWith(Emulator.RootUri.AbsoluteUri, e.VideoUrl));
        Assert.Empty(Run("Resume-HHJob -JournalPath $journal", ("journal", JournalFile)).Output);
    }

    [Fact]
    public void TheTokenNeverReachesTheJournal()
    {
        Run("$rows | New-HHVideoJob -JournalPath $journal -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1", ("rows", Rows(2)), ("journal", JournalFile));
        string text = File.ReadAllText(JournalFile);
        Assert.Contains("\"event\":\"finished\"", text);
        Assert.DoesNotContain(Token, text);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
