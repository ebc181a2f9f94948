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

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
