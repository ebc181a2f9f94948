using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>
/// Wait-HHJob and Save-HHVideo follow a job with the same engine and report its end from the same
/// place: a failed or cancelled job is the same error in both, Save adding only why it saved nothing.
/// </summary>
public sealed class FinishedJobParityTests : ModuleTestBase, IDisposable
{
    private const string NothingToSave = ", so it has no video to save";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hh-parity-" + Guid.NewGuid().ToString("N"));

    protected override void Configure(EmulatorOptions options) => options.Workers = 1;

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

    /// <summary>The one error each cmdlet writes for <paramref name="job"/>, and that neither wrote anything else.</summary>
    private (ErrorRecord Waited, ErrorRecord Saved) BothOn(HHVideoJob job)
    {
        var waited = Run("$j | Wait-HHJob -PollInterval 1", ("j", job));
        var saved = Run("$j | Save-HHVideo -Path $dir -PollInterval 1", ("j", job), ("dir", _dir));
        Assert.Empty(waited.Output);
        Assert.Empty(saved.Output);
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFileSystemEntries(_dir).Any(), "a file was saved for a job with no video");
        return (Assert.Single(waited.Errors), Assert.Single(saved.Errors));
    }

    private static void AssertSameError(ErrorRecord waited, ErrorRecord saved, string id, ErrorCategory category, string requestId)
    {
        Assert.Equal(id, waited.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(id, saved.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(category, waited.CategoryInfo.Category);
        Assert.Equal(category, saved.CategoryInfo.Category);
        Assert.Equal(requestId, Assert.IsType<HHJobResult>(waited.TargetObject).RequestId);
        Assert.Equal(requestId, Assert.IsType<HHJobResult>(saved.TargetObject).RequestId);
        Assert.Equal(waited.ErrorDetails.RecommendedAction, saved.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void AFailedJobIsTheSameJobFailedErrorFromWaitAndFromSave()
    {
        Emulator.Options.Faults.FailedGenerationRate = 1.0;
        var job = Submit("character1 falls");

        var (waited, saved) = BothOn(job);

        AssertSameError(waited, saved, "HappyHorse.JobFailed", ErrorCategory.InvalidResult, job.RequestId);
        // "Job <id> failed: <reason>." and "Job <id> failed, so it has no video to save: <reason>."
        string core = waited.ErrorDetails.Message;
        int verb = core.IndexOf(" failed: ", StringComparison.Ordinal);
        Assert.True(verb > 0, core);
        Assert.Contains(job.RequestId, core.Substring(0, verb));
        Assert.Equal(core.Substring(0, verb) + " failed" + NothingToSave + core.Substring(verb + " failed".Length), saved.ErrorDetails.Message);
        Assert.False(string.IsNullOrWhiteSpace(((HHJobResult)saved.TargetObject).Error));
    }

    [Fact]
    public void ACancelledJobIsTheSameJobCancelledErrorFromWaitAndFromSave()
    {
        Emulator.Options.TimeScale = 1000;
        var running = Submit("character1 runs for ages");
        var queued = Submit("character1 waits");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Emulator.GetJobState(running.RequestId) != "in_progress")
        {
            Assert.True(DateTime.UtcNow < deadline, "the first job never started");
            System.Threading.Thread.Yield();
        }
        var stop = Run("$q | Stop-HHJob -Confirm:$false", ("q", queued));
        Assert.True(stop.Errors.Count == 0, stop.ErrorText);

        var (waited, saved) = BothOn(queued);

        AssertSameError(waited, saved, "HappyHorse.JobCancelled", ErrorCategory.OperationStopped, queued.RequestId);
        Assert.EndsWith(" was cancelled.", waited.ErrorDetails.Message);
        Assert.Equal(waited.ErrorDetails.Message.TrimEnd('.') + NothingToSave + ".", saved.ErrorDetails.Message);
    }
}
