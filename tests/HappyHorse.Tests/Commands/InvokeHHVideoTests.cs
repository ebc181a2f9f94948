using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>Invoke-HHVideo: submit, wait and save in one call, with the long form's semantics.</summary>
public class InvokeHHVideoTests : ModuleTestBase, IDisposable
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
    public void ItsOwnRedirectionNeverReachesBetweenTheStages()
    {
        var rows = Rows().Append(CsvRows.Row(("name", "bad"), ("prompt", "character1"), ("image_url_1", "ftp://x/y.png"))).ToArray();
        var result = Run("$rows | Invoke-HHVideo -Path $out -PollInterval 1 -Token $Token -BaseUri $BaseUri 2>&1", ("rows", rows), ("out", _folder));
        Assert.Empty(result.Errors);
        var error = Assert.Single(result.Objects<ErrorRecord>());
        Assert.StartsWith("HappyHorse.InvalidInput", error.FullyQualifiedErrorId);
        Assert.StartsWith("Row 3 (bad) was not submitted:", error.Exception.Message);
        Assert.Equal(2, result.Objects<FileInfo>().Count());
    }

    [Fact]
    public void ErrorAndWarningVariablesFillAsInTheLongForm()
    {
        var rows = new[]
        {
            CsvRows.Row(("name", "two"), ("prompt", "character1 greets character2"), ("image_url_1", "https://img.example/a.png")),
            CsvRows.Row(("name", "bad"), ("prompt", "character1"), ("image_url_1", "ftp://x/y.png")),
        };
        var result = Run("""
            $files = @($rows | Invoke-HHVideo -Path $out -PollInterval 1 -Token $Token -BaseUri $BaseUri -ErrorVariable failed -WarningVariable warned -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            $files.Count; $failed.Count; $failed[0].FullyQualifiedErrorId; $warned.Count; "$($warned[0])"
            """, ("rows", rows), ("out", _folder));
        Assert.Equal(new object[] { 1, 1 }, result.Output.Take(2).Select(o => o.BaseObject));
        Assert.StartsWith("HappyHorse.InvalidInput", (string)result.Output[2].BaseObject);
        Assert.Equal(1, result.Output[3].BaseObject);
        Assert.StartsWith("Row 1 (two): The prompt names character2", (string)result.Output[4].BaseObject);
    }

    [Fact]
    public void StoppingOnAnErrorNamesTheJobsAlreadyAccepted()
    {
        var rows = new[]
        {
            CsvRows.Row(("name", "good"), ("prompt", "character1 waves"), ("image_url_1", "https://img.example/a.png")),
            CsvRows.Row(("name", "bad"), ("prompt", "character1"), ("image_url_1", "ftp://x/y.png")),
        };
        var result = Run("$rows | Invoke-HHVideo -Path $out -PollInterval 1 -Token $Token -BaseUri $BaseUri -JournalPath $journal -ErrorAction Stop",
            ("rows", rows), ("out", _folder), ("journal", Path.Combine(_folder, "journal.jsonl")));
        var stop = Assert.IsAssignableFrom<RuntimeException>(result.Terminating);
        Assert.StartsWith("HappyHorse.InvalidInput", stop.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);
        var warning = Assert.Single(result.Warnings);
        var id = System.Text.RegularExpressions.Regex.Match(warning, "row 1 = ([0-9a-f-]{36})").Groups[1].Value;
        Assert.NotNull(Emulator.GetJobState(id));
        Assert.Contains("Wait-HHJob -RequestId " + id, warning);
        Assert.Contains("Resume-HHJob -JournalPath", warning);
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

/// <summary>Invoke-HHVideo against an emulator whose clock only the test moves.</summary>
public class InvokeHHVideoStreamTests : ModuleTestBase, IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-invoke-stream-").FullName;

    protected override void Configure(HappyHorse.Emulator.EmulatorOptions options)
    {
        options.TimeProvider = _clock;
        options.TimeScale = 1;
    }

    [Fact]
    public void EachFileComesOutWhenItIsSavedNotWhenALaterJobFinishes()
    {
        var rows = CsvRows.Parse("""
            name,prompt,image_url_1,duration
            long,character1 waves,https://img.example/a.png,15
            short,character1 bows,https://img.example/b.png,3
            """);
        var (shell, handle, output) = Shell.Start("$rows | Invoke-HHVideo -Path $out -FileName '{name}' -PollInterval 1 -Token $Token -BaseUri $BaseUri",
            new System.Collections.Generic.Dictionary<string, object?> { ["rows"] = rows, ["out"] = _folder, ["Token"] = Token, ["BaseUri"] = Emulator.BaseUri.AbsoluteUri });
        using var firstFile = new System.Threading.ManualResetEventSlim();
        output.DataAdded += (_, _) => firstFile.Set();
        try
        {
            Assert.True(System.Threading.SpinWait.SpinUntil(() => Emulator.Accounting.AcceptedSubmissions == 2, TimeSpan.FromSeconds(30)), "the rows were not submitted");

            // The short job is done; the long one has 12 simulated seconds to go and cannot finish until the clock moves again.
            _clock.Advance(TimeSpan.FromSeconds(3));
            Assert.True(firstFile.Wait(TimeSpan.FromSeconds(60)), "no file came out while the long job was still generating");
            Assert.Equal("short.mp4", ((FileInfo)output[0].BaseObject).Name);

            _clock.Advance(TimeSpan.FromSeconds(12));
            shell.EndInvoke(handle);
            Assert.Empty(shell.Streams.Error);
            Assert.Equal(new[] { "short.mp4", "long.mp4" }, output.Select(o => ((FileInfo)o.BaseObject).Name));
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
