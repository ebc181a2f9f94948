using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator;
using HappyHorse.Journal;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Security;

/// <summary>Issue 11, "the journal: one writer, nothing lost".</summary>
public class JournalIntegrityTests : ModuleTestBase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-journal-integrity-").FullName;

    private string JournalFile => Path.Combine(_folder, "batch.jsonl");

    private static PSObject[] Rows(int count) => Enumerable.Range(1, count)
        .Select(i => CsvRows.Row(("name", "row" + i), ("prompt", "character1 scene " + i), ("image_url_1", "https://img.example/" + i + ".png")))
        .ToArray();

    private PsResult Submit(PSObject[] rows, string extra = "") =>
        Run($"$rows | New-HHVideoJob -JournalPath $journal -Token $Token -BaseUri $BaseUri {extra}", ("rows", rows), ("journal", JournalFile));

    private List<string> Lines() => File.ReadAllLines(JournalFile).Where(l => l.Length > 0).ToList();

    private static bool Is(string line, string evt, int index) =>
        line.Contains($"\"event\":\"{evt}\"", StringComparison.Ordinal) && line.Contains($"\"index\":{index},", StringComparison.Ordinal);

    [Fact]
    public void WhileARunHoldsTheJournalASecondWriterIsRefusedEvenWithTheLockFileDeleted()
    {
        var result = Run("""
            & {
                [IO.File]::Delete("$journal.lock")
                $global:probe = try { [IO.FileStream]::new($journal, 'OpenOrCreate', 'ReadWrite', 'Read').Dispose(); 'a second writer got in' } catch { 'refused' }
                $row
            } | New-HHVideoJob -JournalPath $journal -Token $Token -BaseUri $BaseUri
            $global:probe
            """, ("journal", JournalFile), ("row", Rows(1)[0]));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal("refused", result.Output.Last().BaseObject);
        // Once the run has ended, the file is free again.
        using (new FileStream(JournalFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
    }

    [Fact]
    public void TwoPipelinesOfOneProcessWithTheSameJournalPayEachRowOnce()
    {
        Emulator.Options.Faults.SetLatency(EmulatorEndpoint.Submit, 150);
        var rows = Rows(12);
        var vars = new Dictionary<string, object?> { ["rows"] = rows, ["journal"] = JournalFile, ["Token"] = Token, ["BaseUri"] = Emulator.BaseUri.AbsoluteUri };
        const string script = "$rows | New-HHVideoJob -JournalPath $journal -ThrottleLimit 4 -Token $Token -BaseUri $BaseUri";
        using var other = new PsSession();
        var (first, firstHandle, firstOut) = Shell.Start(script, vars);
        var (second, secondHandle, secondOut) = other.Start(script, vars);
        first.EndInvoke(firstHandle);
        second.EndInvoke(secondHandle);

        Assert.Equal(12, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(0, Emulator.Accounting.DuplicateSubmissions);
        // Every row comes out of each pipeline once: as its new job, re-attached, or as "being submitted over there".
        var jobs = firstOut.Concat(secondOut).Select(o => o.BaseObject).OfType<HHVideoJob>().ToList();
        var errors = first.Streams.Error.Concat(second.Streams.Error).ToList();
        Assert.All(errors, e => Assert.StartsWith("HappyHorse.SubmitInProgress,", e.FullyQualifiedErrorId));
        Assert.Equal(12, jobs.Count(j => !j.Resumed));
        Assert.Equal(24, jobs.Count + errors.Count);
        Assert.Equal(12, jobs.Select(j => j.RequestId).Distinct().Count());
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public void ASubmittedRecordAloneReAttachesWhenTheSubmittingLineIsUnreadable()
    {
        var first = Submit(Rows(3));
        Assert.True(first.Errors.Count == 0, first.ErrorText);
        var lines = Lines();
        int damaged = lines.FindIndex(l => Is(l, "submitting", 2));
        lines[damaged] = "\u0000\u0000 garbage where a line was \u0000";
        File.WriteAllLines(JournalFile, lines);

        var rerun = Submit(Rows(3));

        Assert.True(rerun.Errors.Count == 0, rerun.ErrorText);
        Assert.Contains(rerun.Warnings, w => w.Contains("unreadable line"));
        Assert.Equal(3, Emulator.Accounting.AcceptedSubmissions);
        var before = first.Objects<HHVideoJob>().ToDictionary(j => j.Index, j => j.RequestId);
        var after = rerun.Objects<HHVideoJob>().ToList();
        Assert.Equal(3, after.Count);
        Assert.All(after, j => Assert.True(j.Resumed));
        Assert.All(after, j => Assert.Equal(before[j.Index], j.RequestId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARowWithAnUnreadableLineIsUnknownNeverUnsent(bool followedByNotSubmitted)
    {
        Assert.True(Submit(Rows(2)).Errors.Count == 0);
        var lines = Lines();
        string submitting = lines.Single(l => Is(l, "submitting", 2));
        // Row 2 as a crash mid-submit would leave it, but with its line damaged: cut inside the request body.
        lines.RemoveAll(l => l.Contains("\"index\":2,", StringComparison.Ordinal));
        lines.Add(submitting.Substring(0, submitting.IndexOf("\"input\"", StringComparison.Ordinal) + 12));
        if (followedByNotSubmitted)
            lines.Add(submitting.Substring(0, submitting.IndexOf("\"index\"", StringComparison.Ordinal)).Replace("\"submitting\"", "\"not_submitted\"") + "\"index\":2}");
        File.WriteAllLines(JournalFile, lines);
        long accepted = Emulator.Accounting.AcceptedSubmissions;

        var rerun = Submit(Rows(2));
        var listed = Run("Get-HHJournal -Path $journal", ("journal", JournalFile)).Objects<HHJournalEntry>().ToList();

        Assert.Equal(accepted, Emulator.Accounting.AcceptedSubmissions);
        var error = Assert.Single(rerun.Errors);
        Assert.StartsWith("HappyHorse.OutcomeUnknown,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "Row 2", "could not be read", "unknown");
        Assert.Equal(1, Assert.Single(rerun.Objects<HHVideoJob>()).Index);
        Assert.Contains(listed, e => e.SubmitState == "unknown");
    }

    [Fact]
    public void AJournalWriteThatFailsAfterTheServerAcceptedReportsTheJobAndStopsTheBatch()
    {
        JournalFaults.ByPath[JournalFile] = op => op == JournalEvents.Submitted ? new IOException("No space left on device") : null;
        PsResult result;
        try
        {
            result = Submit(Rows(3), "-ThrottleLimit 1");
        }
        finally
        {
            JournalFaults.ByPath.TryRemove(JournalFile, out _);
        }

        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);
        Assert.Empty(result.Output);
        Assert.Equal(2, result.Errors.Count);
        var lost = result.Errors[0];
        Assert.StartsWith("HappyHorse.JournalWriteFailed,", lost.FullyQualifiedErrorId);
        var job = Assert.IsType<HHVideoJob>(lost.TargetObject);
        Assert.Equal(1, job.Index);
        ApiTest.Mentions(lost.ToString(), job.RequestId, "No space left on device", "No later row");
        Assert.Contains(job.RequestId, lost.ErrorDetails.RecommendedAction);
        var stop = result.Errors[1];
        Assert.StartsWith("HappyHorse.JournalWriteFailed,", stop.FullyQualifiedErrorId);
        ApiTest.Mentions(stop.ToString(), "row 2", "not submitted");

        // The job goes on; the journal knows row 1 may exist, and the next run sends only rows 2 and 3.
        var rerun = Submit(Rows(3));
        Assert.StartsWith("HappyHorse.OutcomeUnknown,", Assert.Single(rerun.Errors).FullyQualifiedErrorId);
        Assert.Equal(new[] { 2, 3 }, rerun.Objects<HHVideoJob>().Select(j => j.Index).OrderBy(i => i));
        Assert.Equal(3, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(0, Emulator.Accounting.DuplicateSubmissions);
    }

    [Fact]
    public void AReleaseThatFailsLeavesTheJournalFreeForTheRestOfTheSession()
    {
        int releases = 0;
        JournalFaults.ByPath[JournalFile] = op => op == JournalFaults.Release && releases++ == 0 ? new IOException("Input/output error") : null;
        try
        {
            var first = Submit(Rows(1));
            Assert.True(first.Errors.Count == 0, first.ErrorText);
            Assert.Equal(1, releases);

            var second = Submit(Rows(2));
            Assert.True(second.Errors.Count == 0, second.ErrorText);
            Assert.Equal(2, Emulator.Accounting.AcceptedSubmissions);
        }
        finally
        {
            JournalFaults.ByPath.TryRemove(JournalFile, out _);
        }
        using (new FileStream(JournalFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
