using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests;

/// <summary>Invoke-HHVideo: submit, wait and save in one call, with the long form's semantics.</summary>
public class InvokeVideoTests : ModuleTestBase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-invoke-").FullName;

    private static PSObject[] Rows() => CsvRows.Parse("""
        name,prompt,image_url_1,duration
        intro,character1 waves,https://img.example/a.png,3
        outro,character1 bows,https://img.example/b.png,
        """);

    [Fact]
    public void RowsBecomeSavedVideosNamedFromTheirColumns()
    {
        var result = Run("$rows | Invoke-HHVideo -Path $out -FileName '{Index}-{name}' -PollInterval 1 -Token $Token -BaseUri $BaseUri",
            ("rows", Rows()), ("out", _folder));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var files = result.Output.Select(o => (FileInfo)o.BaseObject).OrderBy(f => f.Name).ToList();
        Assert.Equal(new[] { "1-intro.mp4", "2-outro.mp4" }, files.Select(f => f.Name));
        Assert.All(files, f => Assert.Equal(SampleVideo.Bytes.ToArray(), File.ReadAllBytes(f.FullName)));
        Assert.Equal(2, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void ASingleCallWithoutAPipelineMakesOneVideo()
    {
        var result = Run("Invoke-HHVideo -Prompt 'character1 jumps' -ImageUrl 'https://img.example/j.png' -Duration 4 -Path $out -PollInterval 1 -Token $Token -BaseUri $BaseUri",
            ("out", _folder));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var file = (FileInfo)Assert.Single(result.Output).BaseObject;
        Assert.True(file.Exists);
        Assert.Equal(4, System.Text.Json.JsonDocument.Parse(Assert.Single(Emulator.SubmittedBodies)).RootElement.GetProperty("duration").GetInt32());
    }

    [Fact]
    public void WhatIfSubmitsNothingAndWritesNothing()
    {
        var result = Run("$rows | Invoke-HHVideo -Path $out -WhatIf -Token $Token -BaseUri $BaseUri", ("rows", Rows()), ("out", _folder));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(0, Submits);
        Assert.Empty(Directory.GetFiles(_folder));
        Assert.Contains("What if:", Shell.Host.Text);
    }

    [Fact]
    public void BadRowsAreErrorsAndTheGoodOnesStillArrive()
    {
        var rows = Rows().Append(CsvRows.Row(("name", "bad"), ("prompt", "character1"), ("image_url_1", "ftp://x/y.png"))).ToArray();
        var result = Run("$rows | Invoke-HHVideo -Path $out -PollInterval 1 -Token $Token -BaseUri $BaseUri", ("rows", rows), ("out", _folder));
        Assert.StartsWith("HappyHorse.InvalidInput", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public void TheJournalRecordsEverySavedFile()
    {
        string journal = Path.Combine(_folder, "journal.jsonl");
        var result = Run("$rows | Invoke-HHVideo -Path $out -JournalPath $journal -PollInterval 1 -Token $Token -BaseUri $BaseUri",
            ("rows", Rows()), ("out", _folder), ("journal", journal));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var entries = Run("Get-HHJournal -Path $journal", ("journal", journal)).Objects<HHJournalEntry>().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("succeeded", e.Status));
        Assert.All(entries, e => Assert.True(File.Exists(Assert.Single(e.Files))));

        var again = Run("$rows | Invoke-HHVideo -Path $out -JournalPath $journal -PollInterval 1 -Token $Token -BaseUri $BaseUri",
            ("rows", Rows()), ("out", _folder), ("journal", journal));
        Assert.True(again.Errors.Count == 0, again.ErrorText);
        Assert.Equal(2, Emulator.Accounting.AcceptedSubmissions); // the re-run paid for nothing
    }

    [Fact]
    public void CtrlCStopsTheWholeChainPromptly()
    {
        Emulator.Options.TimeScale = 1000;
        var (shell, handle, output) = Shell.Start("$rows | Invoke-HHVideo -Path $out -PollInterval 1 -Token $Token -BaseUri $BaseUri",
            new System.Collections.Generic.Dictionary<string, object?> { ["rows"] = Rows(), ["out"] = _folder, ["Token"] = Token, ["BaseUri"] = Emulator.BaseUri.AbsoluteUri });
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Emulator.Accounting.RequestCount(HappyHorse.Emulator.EmulatorEndpoint.Status) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "nothing was polled");
                System.Threading.Thread.Yield();
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            shell.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stop took {watch.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Empty(Directory.GetFiles(_folder, "*.mp4"));
        }
        finally
        {
            shell.Dispose();
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
