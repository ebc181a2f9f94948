using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using HappyHorse.Emulator;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.SaveHHVideo;

/// <summary>Save-HHVideo's transfers: resumed, failed, waited for, previewed and stopped.</summary>
public sealed partial class SaveHHVideoTests
{
    [Fact]
    public void ABrokenTransferIsResumedWithARangeRequest()
    {
        Finished(Rows.Take(1).ToArray());
        Emulator.Options.LargeOutputBytes = 3 * 1024 * 1024;
        Emulator.Options.Faults.Set(EmulatorEndpoint.Download, FaultKind.TruncatedJson, 0.5); // seeded: the first download is cut

        var r = Run("$results | Save-HHVideo -Path $dir -Verbose", ("dir", _dir));

        Assert.True(r.Errors.Count == 0, r.ErrorText);
        var file = Assert.Single(r.Objects<FileInfo>());
        Assert.True(Downloads >= 2, $"{Downloads} downloads");
        Assert.True(Emulator.Accounting.RangedDownloads >= 1, "no Range request reached the server");
        byte[] bytes = File.ReadAllBytes(file.FullName);
        var expected = new byte[Emulator.Options.LargeOutputBytes];
        SyntheticOutput.Fill(0, expected);
        Assert.Equal(expected, bytes);
        Assert.Contains(r.Verbose, v => v.Contains("retry", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(new[] { file.Name, file.Name + ".json" }, FilesLeft());
    }

    [Fact]
    public void AFailedDownloadIsAnErrorNamingTheJobAndLeavesNothingUnderTheFinalName()
    {
        var results = Finished(Rows.Take(1).ToArray());
        Emulator.Options.RetryAfterSeconds = 0;
        Emulator.Options.Faults.Set(EmulatorEndpoint.Download, FaultKind.RateLimit429, 1.0);

        var r = Run("$results | Save-HHVideo -Path $dir", ("dir", _dir));

        var error = Assert.Single(r.Errors);
        Assert.StartsWith("HappyHorse.DownloadFailed", error.FullyQualifiedErrorId);
        Assert.Contains(results[0].RequestId, error.ToString());
        Assert.Contains("429", error.ToString());
        Assert.Empty(r.Output);
        Assert.True(Downloads > 1, "a 429 is retried");
        Assert.DoesNotContain(FilesLeft(), n => n.EndsWith(".mp4", StringComparison.Ordinal) || n.EndsWith(".json", StringComparison.Ordinal) && !n.EndsWith(".part.json", StringComparison.Ordinal));
    }

    [Fact]
    public void JobsAndRequestIdsPipedStraightInAreWaitedForThenSaved()
    {
        var r = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Save-HHVideo -Path $dir -PollInterval 1", ("rows", Rows), ("dir", _dir));
        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.Equal(2, r.Objects<FileInfo>().Count());
        Assert.All(r.Objects<FileInfo>(), f => Assert.Matches(@"^[12]-", f.Name));

        string ids = Path.Combine(_dir, "by-id");
        var jobs = Run("New-HHVideoJob -Prompt 'character1 nods' -ImageUrl https://i.example/c.png -Token $Token -BaseUri $BaseUri");
        var job = Assert.Single(jobs.Objects<HHVideoJob>());
        r = Run("$id | Save-HHVideo -Path $dir -Token $Token -BaseUri $BaseUri -PollInterval 1", ("id", job.RequestId), ("dir", ids));
        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.Equal(job.RequestId + ".mp4", Assert.Single(r.Objects<FileInfo>()).Name);
    }

    [Fact]
    public void AFailedJobIsAnErrorWithItsRequestIdAndNoFile()
    {
        Emulator.Options.Faults.FailedGenerationRate = 1.0;
        var r = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1 -ErrorAction SilentlyContinue | Save-HHVideo -Path $dir", ("rows", Rows.Take(1).ToArray()), ("dir", _dir));
        Assert.Empty(r.Output);
        var failed = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Save-HHVideo -Path $dir -PollInterval 1", ("rows", Rows.Take(1).ToArray()), ("dir", _dir));

        var error = Assert.Single(failed.Errors);
        Assert.StartsWith("HappyHorse.JobFailed", error.FullyQualifiedErrorId);
        var result = Assert.IsType<HHJobResult>(error.TargetObject);
        Assert.Contains(result.RequestId, error.ToString());
        Assert.Empty(failed.Output);
        Assert.Equal(0, Downloads);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public void WhatIfSaysWhatWouldBeSavedAndWritesNothing()
    {
        Finished();
        string target = Path.Combine(_dir, "not-yet");
        var r = Run("$results | Save-HHVideo -Path $dir -WhatIf", ("dir", target));

        Assert.True(r.Errors.Count == 0, r.ErrorText);
        Assert.Empty(r.Output);
        Assert.False(Directory.Exists(target));
        Assert.Equal(0, Downloads);
        Assert.Contains(Path.Combine(target, "1-"), Shell.Host.Text);
        Assert.Contains("What if", Shell.Host.Text);
    }

    [Fact]
    public void CtrlCDuringALargeDownloadStopsPromptlyAndLeavesOnlyThePartFile()
    {
        Finished(Rows.Take(1).ToArray());
        Emulator.Options.LargeOutputBytes = 2L * 1024 * 1024 * 1024; // far more than can arrive before the stop
        var (shell, handle, _) = Shell.Start("$results | Save-HHVideo -Path $dir", new Dictionary<string, object?> { ["dir"] = _dir });
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!FilesLeft().Any(n => n.EndsWith(".part", StringComparison.Ordinal) && new FileInfo(Path.Combine(_dir, n)).Length > 1024 * 1024))
            {
                Assert.True(DateTime.UtcNow < deadline, "the download never started");
                System.Threading.Thread.Yield();
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            shell.Stop();
            watch.Stop();

            Assert.True(handle.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stop took {watch.Elapsed}"); // the one-second goal is measured in bench/
            Assert.All(FilesLeft(), n => Assert.True(n.EndsWith(".part", StringComparison.Ordinal) || n.EndsWith(".part.json", StringComparison.Ordinal), n));
            Assert.True(new FileInfo(Path.Combine(_dir, FilesLeft().Single(n => n.EndsWith(".part", StringComparison.Ordinal)))).Length < Emulator.Options.LargeOutputBytes);
        }
        finally
        {
            shell.Dispose();
        }
    }
}
