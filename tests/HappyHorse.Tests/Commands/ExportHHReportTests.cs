using System;
using System.IO;
using System.Linq;
using AngleSharp.Dom;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>Export-HHReport and Invoke-HHVideo -Report on real runs against the emulator.</summary>
public sealed class ExportHHReportTests : ModuleTestBase, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hh-export-" + Guid.NewGuid().ToString("N"));

    protected override void Configure(EmulatorOptions options)
    {
        // Rows 1-5 cost 5 × 3 s × $0.12 = $1.80; row 6 (15 s, $1.80) no longer fits: the service refuses it.
        options.BalanceUsd = 2.0m;
        options.Faults.FailedGenerationRate = 0.5;
    }

    public void Dispose()
    {
        try { if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static readonly System.Management.Automation.PSObject[] Batch = CsvRows.Parse(
        "name,prompt,image_url_1,duration,seed\n" +
        "one,character1 waves,https://i.example/1.png,3,1\n" +
        "two,character1 bows,https://i.example/2.png,3,2\n" +
        "three,character1 jumps,https://i.example/3.png,3,3\n" +
        "four,character1 sits,https://i.example/4.png,3,4\n" +
        "five,character1 runs,https://i.example/5.png,3,5\n" +
        "six,character1 sleeps,https://i.example/6.png,15,6\n");

    private IDocument Load(string path) => ReportFixture.Parse(File.ReadAllText(path));

    [Fact]
    public void AJournaledBatchBecomesOneCardPerRowWithItsOutcomeItsVideoAndItsCost()
    {
        string journal = Path.Combine(_dir, "batch.jsonl"), videos = Path.Combine(_dir, "videos"), report = Path.Combine(_dir, "report.html");
        // -WhatIf reads the catalog price: the report can then estimate without a request of its own.
        Assert.True(Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri -WhatIf", ("rows", Batch)).Errors.Count == 0);
        Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri -JournalPath $j -ThrottleLimit 1 | Wait-HHJob -PollInterval 1 -IncludeCost | Save-HHVideo -Path $v",
            ("rows", Batch), ("j", journal), ("v", videos));
        long requestsBefore = Emulator.Accounting.RequestCount(EmulatorEndpoint.Status) + Emulator.Accounting.RequestCount(EmulatorEndpoint.Result);

        var r = Run("Export-HHReport -Path $p -JournalPath $j", ("p", report), ("j", journal));

        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.Equal(report, Assert.Single(r.Objects<FileInfo>()).FullName);
        Assert.Equal(requestsBefore, Emulator.Accounting.RequestCount(EmulatorEndpoint.Status) + Emulator.Accounting.RequestCount(EmulatorEndpoint.Result));
        var doc = Load(report);
        var cards = doc.QuerySelectorAll("#cards > article").ToList();
        Assert.Equal(new[] { "one", "two", "three", "four", "five", "six" }, cards.Select(c => c.QuerySelector("h2")!.TextContent));
        Assert.Equal("not_submitted", cards[5].GetAttribute("data-status"));
        Assert.Contains("balance", cards[5].QuerySelector(".msg")!.TextContent, StringComparison.OrdinalIgnoreCase);

        var entries = Run("Get-HHJournal $j", ("j", journal)).Objects<HHJournalEntry>().ToDictionary(e => e.Index!.Value);
        int failed = 0, succeeded = 0;
        for (int i = 0; i < 5; i++)
        {
            string truth = Emulator.GetJobState(entries[i + 1].RequestId!)!;
            Assert.Equal(truth, cards[i].GetAttribute("data-status"));
            if (truth == "failed")
            {
                failed++;
                Assert.False(string.IsNullOrWhiteSpace(cards[i].QuerySelector(".msg")?.TextContent));
                Assert.Null(cards[i].QuerySelector("video"));
            }
            else
            {
                succeeded++;
                string src = cards[i].QuerySelector("video")!.GetAttribute("src")!;
                Assert.StartsWith("videos/", src);
                Assert.Equal(Assert.Single(entries[i + 1].Files), Uri.UnescapeDataString(new Uri(new Uri(_dir + "/"), src).LocalPath));
                Assert.Contains("$0.36", cards[i].QuerySelector(".facts")!.TextContent);
            }
        }
        Assert.True(failed > 0 && succeeded > 0, $"the seeded draws gave {failed} failed and {succeeded} succeeded jobs; the test needs both");
        var counts = doc.QuerySelectorAll(".counts li b").Select(b => b.TextContent).ToList();
        Assert.Equal(new[] { "6", succeeded.ToString(), failed.ToString(), "0", "1" }, counts);
        Assert.Contains("$1.80 estimated (5 of 6 rows)", doc.GetElementById("cost")!.TextContent);
    }

    [Fact]
    public void ResultsFilesAndTheErrorsOfCancelledAndTimedOutJobsPipedInBecomeCards()
    {
        Emulator.Options.Faults.FailedGenerationRate = 0;
        string report = Path.Combine(_dir, "piped.html"), videos = Path.Combine(_dir, "v");
        var done = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1 | Save-HHVideo -Path $v -FileName '{Index}-{name}'",
            ("rows", Batch.Take(2).ToArray()), ("v", videos));
        Assert.True(done.Errors.Count == 0, done.ErrorText);

        Emulator.Options.Workers = 1;
        Emulator.Options.TimeScale = 1000;
        var pending = Run("$jobs = @($rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri -ThrottleLimit 1); $jobs", ("rows", Batch.Skip(2).Take(2).ToArray()));
        var jobs = pending.Objects<HHVideoJob>().OrderBy(j => j.Index).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.True(Run("$jobs[1] | Stop-HHJob -Confirm:$false").Errors.Count == 0);
        // The cancelled job is waited for on its own, with time to spare: under the full suite's load its
        // first poll could come after a 2 s timeout, which then reported it as still queued (failed once in CI).
        // The other one is still generating at this time scale however slow the machine, so its timeout is sure.
        var waited = Run("$jobs[1] | Wait-HHJob -PollInterval 1 -Timeout 120 -ErrorVariable waitErrors -ErrorAction SilentlyContinue; " +
                         "$jobs[0] | Wait-HHJob -PollInterval 1 -Timeout 2 -ErrorVariable +waitErrors -ErrorAction SilentlyContinue; $waitErrors.Count");
        Assert.Equal(2, (int)waited.Output.Last().BaseObject);

        var r = Run("@($files) + @($jobs) + @($waitErrors) + @('not a result') | Export-HHReport $p", ("files", done.Output.ToArray()), ("p", report));

        Assert.StartsWith("HappyHorse.UnsupportedReportInput", Assert.Single(r.Errors).FullyQualifiedErrorId);
        var cards = Load(report).QuerySelectorAll("#cards > article").ToList();
        Assert.Equal(4, cards.Count);
        // Saved files: titled by their row's name through the file name, playing from disk; their sidecar gave the prompt.
        Assert.Equal(new[] { "1-one", "2-two" }, cards.Where(c => c.QuerySelector("video") != null).Select(c => c.QuerySelector("h2")!.TextContent).OrderBy(t => t));
        Assert.Contains(cards, c => c.QuerySelector(".prompt")?.TextContent == "character1 waves" && c.QuerySelector("video")!.GetAttribute("src") == "v/1-one.mp4");
        // ... and the times: submitted, finished, and how long it took.
        Assert.All(cards.Where(c => c.QuerySelector("video") != null), c =>
            Assert.Matches(@"^(\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d → (\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d \([\d.]+ s\) · ", c.QuerySelector(".times")!.TextContent));
        var cancelled = Assert.Single(cards, c => c.GetAttribute("data-status") == "cancelled");
        Assert.Equal("four", cancelled.QuerySelector("h2")!.TextContent);
        var running = Assert.Single(cards, c => c.GetAttribute("data-status") == "in_progress" || c.GetAttribute("data-status") == "in_queue");
        Assert.Equal("three", running.QuerySelector("h2")!.TextContent);
        Assert.Contains(jobs[0].RequestId, running.QuerySelector(".msg")!.TextContent);
    }

    [Fact]
    public void InvokeHHVideoReportShowsEveryRowOfTheRunIncludingARowRefusedBeforeItWasSent()
    {
        Emulator.Options.Faults.FailedGenerationRate = 0;
        string report = Path.Combine(_dir, "run", "report.html"), videos = Path.Combine(_dir, "run", "videos");
        var rows = CsvRows.Parse(
            "name,prompt,image_url_1,aspect_ratio\n" +
            "good,character1 waves,https://i.example/1.png,16:9\n" +
            "bad,character1 bows,https://i.example/2.png,2:1\n" +
            "also-good,character1 smiles,https://i.example/3.png,1:1\n");

        var r = Run("$rows | Invoke-HHVideo -Token $Token -BaseUri $BaseUri -Path $v -FileName '{Index}-{name}' -PollInterval 1 -Report $p", ("rows", rows), ("v", videos), ("p", report));

        Assert.Equal(2, r.Objects<FileInfo>().Count());
        Assert.StartsWith("HappyHorse.InvalidInput", Assert.Single(r.Errors).FullyQualifiedErrorId);
        var cards = Load(report).QuerySelectorAll("#cards > article").ToList();
        Assert.Equal(new[] { "row-1", "row-2", "row-3" }, cards.Select(c => c.Id));
        Assert.Equal(new[] { "succeeded", "not_submitted", "succeeded" }, cards.Select(c => c.GetAttribute("data-status")));
        Assert.Equal(new[] { "good", "bad", "also-good" }, cards.Select(c => c.QuerySelector("h2")!.TextContent));
        Assert.Contains("aspect", cards[1].QuerySelector(".msg")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("videos/1-good.mp4", cards[0].QuerySelector("video")!.GetAttribute("src"));
        Assert.Equal("videos/3-also-good.mp4", cards[2].QuerySelector("video")!.GetAttribute("src"));
        Assert.True(File.Exists(Path.Combine(videos, "3-also-good.mp4")));
        Assert.Empty(Run("Get-Variable HHReportSeen*").Output);
    }

    [Fact]
    public void InvokeHHVideoWhatIfWritesNoReport()
    {
        string report = Path.Combine(_dir, "whatif.html");
        var r = Run("$rows | Invoke-HHVideo -Token $Token -BaseUri $BaseUri -Path $v -Report $p -WhatIf", ("rows", Batch.Take(1).ToArray()), ("v", _dir), ("p", report));
        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.False(File.Exists(report));
        Assert.Contains(report, Shell.Host.Text);
    }
}
