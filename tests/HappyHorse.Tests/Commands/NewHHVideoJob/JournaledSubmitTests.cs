using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>What a journaled submit leaves on disk: each accepted row's `submitted` line, exactly once.</summary>
public class JournaledSubmitTests : ModuleTestBase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-submit-journal-").FullName;

    private string JournalFile => Path.Combine(_folder, "batch.jsonl");

    [Fact]
    public void EachAcceptedRowWritesOneSubmittedLine()
    {
        var rows = Enumerable.Range(1, 6)
            .Select(i => CsvRows.Row(("name", "row" + i), ("prompt", "character1 walks " + i), ("image_url_1", "https://img.example/" + i + ".png")))
            .ToArray();

        var result = Run("$rows | New-HHVideoJob -JournalPath $journal -ThrottleLimit 3 -Token $Token -BaseUri $BaseUri", ("rows", rows), ("journal", JournalFile));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var jobs = result.Objects<HHVideoJob>().ToList();
        Assert.Equal(6, jobs.Count);
        var submitted = File.ReadAllLines(JournalFile)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.GetProperty("event").GetString() == "submitted")
            .Select(line => line.GetProperty("request_id").GetString())
            .ToList();
        Assert.Equal(jobs.Select(j => j.RequestId).OrderBy(id => id), submitted.OrderBy(id => id));
    }

    [Fact]
    public void AJournaledSubmitLeavesNothingOnTheRowsItRecords()
    {
        // The journal keeps each row's cells; reading them must not attach PowerShell's reserved members to rows the user keeps.
        var rows = Enumerable.Range(1, 3)
            .Select(i => CsvRows.Row(("name", "row" + i), ("prompt", "character1 walks " + i), ("image_url_1", "https://img.example/" + i + ".png")))
            .ToArray();

        var result = Run("$rows | New-HHVideoJob -JournalPath $journal -Token $Token -BaseUri $BaseUri", ("rows", rows), ("journal", JournalFile));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(3, result.Objects<HHVideoJob>().Count());
        Assert.Contains(File.ReadAllLines(JournalFile), line => line.Contains("\"row2\"", StringComparison.Ordinal));
        Assert.All(rows, row => Assert.Equal(new[] { "name", "prompt", "image_url_1" }, WaitHHJob.AwaitedJobMemoryTests.StoredMembers(row)));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
