using System;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>Stop-HHJob cancels queued jobs and refuses running ones. The status dialects of cancel answers: WaitHHJob/DialectTests.</summary>
public class StopHHJobTests : ModuleTestBase
{
    protected override void Configure(EmulatorOptions options) => options.Workers = 1;

    private HHVideoJob Submit(string prompt)
    {
        var result = Run("New-HHVideoJob -Prompt $p -ImageUrl 'https://i.example/a.png' -Token $Token -BaseUri $BaseUri", ("p", prompt));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        return Assert.Single(result.Objects<HHVideoJob>());
    }

    private void WaitForState(string requestId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Emulator.GetJobState(requestId) != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{requestId} never reached {state} (is {Emulator.GetJobState(requestId)})");
            System.Threading.Thread.Yield();
        }
    }

    [Fact]
    public void QueuedJobsAreCancelledRunningOnesAreNotAndWaitReportsBoth()
    {
        Emulator.Options.TimeScale = 1000;
        var running = Submit("character1 runs for ages");
        var queued = Submit("character1 waits");
        WaitForState(running.RequestId, "in_progress");

        var status = Run("$q | Get-HHJobStatus", ("q", queued));
        Assert.Equal(1, Assert.Single(status.Objects<HHJobStatus>()).QueuePosition);

        var stop = Run("$q | Stop-HHJob -PassThru -Confirm:$false", ("q", queued));
        Assert.True(stop.Errors.Count == 0, stop.ErrorText);
        Assert.Equal("cancelled", Assert.Single(stop.Objects<HHCancelResult>()).Outcome);
        Assert.Equal("cancelled", Emulator.GetJobState(queued.RequestId));

        var refused = Run("Stop-HHJob -RequestId $r.RequestId -Token $Token -BaseUri $BaseUri -PassThru -Confirm:$false", ("r", running));
        Assert.Empty(refused.Output);
        var notCancellable = Assert.Single(refused.Errors);
        Assert.StartsWith("HappyHorse.NotCancellable", notCancellable.FullyQualifiedErrorId);
        Assert.Contains("may still be charged", notCancellable.ToString());
        Assert.Equal("in_progress", Emulator.GetJobState(running.RequestId));

        var waited = Run("$q | Wait-HHJob -PollInterval 1", ("q", queued));
        Assert.Empty(waited.Output);
        Assert.StartsWith("HappyHorse.JobCancelled", Assert.Single(waited.Errors).FullyQualifiedErrorId);
    }
}
