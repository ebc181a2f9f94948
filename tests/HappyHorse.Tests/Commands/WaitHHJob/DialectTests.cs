using System;
using System.IO;
using System.Linq;
using System.Threading;
using HappyHorse.Emulator;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.WaitHHJob;

/// <summary>
/// The module against the emulator speaking each dialect RunComfy's own clients understand:
/// /result saying completed, the canceled spelling, cancel answers saying cancellation_requested
/// or carrying only an outcome, and status words nobody documented.
/// </summary>
public sealed class DialectTests : ModuleTestBase, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hh-dialect-" + Guid.NewGuid().ToString("N"));

    private static readonly System.Management.Automation.PSObject[] Rows = CsvRows.Parse(
        "prompt,image_url_1,name\n" +
        "character1 waves,https://i.example/a.png,one\n" +
        "character1 bows,https://i.example/b.png,two\n" +
        "character1 jumps,https://i.example/c.png,three\n");

    public void Dispose()
    {
        try { if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private HHVideoJob Submit(string prompt)
    {
        var result = Run("New-HHVideoJob -Prompt $p -ImageUrl 'https://i.example/a.png' -Token $Token -BaseUri $BaseUri", ("p", prompt));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        return Assert.Single(result.Objects<HHVideoJob>());
    }

    /// <summary>A job that holds the only worker for good, and one queued behind it that can be cancelled.</summary>
    private (HHVideoJob Running, HHVideoJob Queued) RunningAndQueued()
    {
        Emulator.Options.Workers = 1;
        Emulator.Options.TimeScale = 1000;
        var running = Submit("character1 runs for ages");
        var queued = Submit("character1 waits");
        Assert.Equal("in_queue", Emulator.GetJobState(queued.RequestId));
        return (running, queued);
    }

    [Fact]
    public void ResultSayingCompletedWithAVideoIsASuccessNotAWaitUntilTimeout()
    {
        Emulator.Options.ResultSuccessWord = Dialect.Completed;

        var r = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1 -Timeout 60", ("rows", Rows));

        Assert.True(r.Errors.Count == 0, r.ErrorText);
        var results = r.Objects<HHJobResult>().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, x => Assert.Equal("succeeded", x.Status));
        Assert.All(results, x => Assert.StartsWith(Emulator.RootUri.AbsoluteUri, x.VideoUrl));

        var now = Run("Get-HHJobResult -RequestId $id -Token $Token -BaseUri $BaseUri", ("id", results[0].RequestId));
        Assert.Equal("succeeded", Assert.Single(now.Objects<HHJobResult>()).Status);
    }

    [Fact]
    public void CanceledSpellingIsACancelForStopAndWait()
    {
        Emulator.Options.CancelledWord = Dialect.Canceled;
        var (_, queued) = RunningAndQueued();

        var stop = Run("$q | Stop-HHJob -PassThru -Confirm:$false", ("q", queued));

        Assert.True(stop.Errors.Count == 0, stop.ErrorText);
        var cancelled = Assert.Single(stop.Objects<HHCancelResult>());
        Assert.Equal("cancelled", cancelled.Outcome);
        Assert.Equal("cancelled", cancelled.Status);
        var waited = Run("$q | Wait-HHJob -PollInterval 1 -Timeout 60", ("q", queued));
        Assert.Empty(waited.Output);
        Assert.StartsWith("HappyHorse.JobCancelled", Assert.Single(waited.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void CancellationRequestedIsReportedAsSuchAndWaitSeesTheJobEnd()
    {
        Emulator.Options.CancelAnswerRequested = true;
        var (running, queued) = RunningAndQueued();

        var stop = Run("$q | Stop-HHJob -PassThru -Confirm:$false -Verbose", ("q", queued));

        Assert.True(stop.Errors.Count == 0, stop.ErrorText);
        var answer = Assert.Single(stop.Objects<HHCancelResult>());
        Assert.Equal("cancellation_requested", answer.Outcome);
        Assert.Equal("in_queue", answer.Status);
        Assert.Contains(stop.Verbose, v => v.Contains("accepted the cancel", StringComparison.Ordinal) && v.Contains("Wait-HHJob", StringComparison.Ordinal));

        var waited = Run("$q | Wait-HHJob -PollInterval 1 -Timeout 60", ("q", queued));
        Assert.Empty(waited.Output);
        Assert.StartsWith("HappyHorse.JobCancelled", Assert.Single(waited.Errors).FullyQualifiedErrorId);

        var refused = Run("$r | Stop-HHJob -PassThru -Confirm:$false", ("r", running));
        Assert.Empty(refused.Output);
        Assert.StartsWith("HappyHorse.NotCancellable", Assert.Single(refused.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void CancelAnswerWithOnlyAnOutcomeIsUnderstood()
    {
        Emulator.Options.CancelAnswerOutcomeOnly = true;
        var (running, queued) = RunningAndQueued();

        var stop = Run("$q | Stop-HHJob -PassThru -Confirm:$false", ("q", queued));

        Assert.True(stop.Errors.Count == 0, stop.ErrorText);
        var answer = Assert.Single(stop.Objects<HHCancelResult>());
        Assert.Equal(queued.RequestId, answer.RequestId);
        Assert.Equal("cancelled", answer.Outcome);
        Assert.Equal("cancelled", answer.Status); // implied by the outcome, not "unknown"

        var refused = Run("$r | Stop-HHJob -Confirm:$false", ("r", running));
        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("HappyHorse.NotCancellable", error.FullyQualifiedErrorId);
        Assert.Contains("not_cancellable", error.ToString());
    }

    [Fact]
    public void AnUnknownStatusWordIsShownInProgressAndVerboseAndEndsAtTimeoutNamingIt()
    {
        Emulator.Options.TimeScale = 1000;
        Emulator.Options.Faults.UnknownStatusRate = 1;
        var job = Submit("character1 warms up");

        var r = Run("$j | Wait-HHJob -PollInterval 1 -Timeout 2 -Verbose", ("j", job));

        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("HappyHorse.WaitTimeout", error.FullyQualifiedErrorId);
        Assert.Contains("last status: warming_up, a word HappyHorse does not know", error.ToString());
        Assert.Contains(r.Verbose, v => v.Contains(job.RequestId + ": status 'warming_up'", StringComparison.Ordinal));
        Assert.Contains(r.Progress, p => p.StatusDescription?.Contains("1 'warming_up'", StringComparison.Ordinal) == true);
    }

    /// <summary>Every switch on at once, cancels included, and the long pipeline still gets every video.</summary>
    [Fact]
    public void EveryDialectAtOnceStillGetsEveryVideo()
    {
        var o = Emulator.Options;
        o.ResultSuccessWord = Dialect.Completed;
        o.CancelledWord = Dialect.Canceled;
        o.CancelAnswerRequested = true;
        o.CancelAnswerOutcomeOnly = true;
        o.OutputAsVideosArray = true;
        o.Faults.UnknownStatusRate = 0.5;

        var (_, queued) = RunningAndQueued();
        var stop = Run("$q | Stop-HHJob -PassThru -Confirm:$false", ("q", queued));
        Assert.True(stop.Errors.Count == 0, stop.ErrorText);
        Assert.Equal("cancellation_requested", Assert.Single(stop.Objects<HHCancelResult>()).Outcome);
        var waited = Run("$q | Wait-HHJob -PollInterval 1 -Timeout 60", ("q", queued));
        Assert.StartsWith("HappyHorse.JobCancelled", Assert.Single(waited.Errors).FullyQualifiedErrorId);

        o.TimeScale = 0.01;
        o.Workers = 8; // the first job keeps one worker for good
        var r = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1 -Timeout 120 | Save-HHVideo -Path $dir",
            ("rows", Rows), ("dir", _dir));

        Assert.True(r.Errors.Count == 0, r.ErrorText);
        var files = r.Output.Select(x => (FileInfo)x.BaseObject).ToList();
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.Equal(SampleVideo.Bytes.ToArray(), File.ReadAllBytes(f.FullName)));
        Assert.Equal(3, Emulator.Accounting.RequestCount(EmulatorEndpoint.Download));
    }
}
