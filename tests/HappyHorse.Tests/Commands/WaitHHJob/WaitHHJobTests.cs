using System;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.WaitHHJob;

/// <summary>Wait-HHJob on jobs that fail, get cancelled, run forever or time out.</summary>
public class WaitHHJobTests : ModuleTestBase
{
    protected override void Configure(EmulatorOptions options) => options.Workers = 1;

    private HHVideoJob Submit(string prompt)
    {
        var result = Run("New-HHVideoJob -Prompt $p -ImageUrl 'https://i.example/a.png' -Token $Token -BaseUri $BaseUri", ("p", prompt));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        return Assert.Single(result.Objects<HHVideoJob>());
    }

    [Fact]
    public void AFailedJobIsAnErrorWithTheServersMessageAndTheOthersStillComeOut()
    {
        Emulator.Options.Workers = 4;
        var good = Submit("character1 walks");
        Emulator.Options.Faults.FailedGenerationRate = 1.0;
        var bad = Submit("character1 falls");

        var result = Run("$jobs | Wait-HHJob -PollInterval 1", ("jobs", new object[] { good, bad }));

        var output = Assert.Single(result.Objects<HHJobResult>());
        Assert.Equal(good.RequestId, output.RequestId);
        var error = Assert.Single(result.Errors);
        Assert.Equal("HappyHorse.JobFailed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains(bad.RequestId, error.ToString());
        var failed = Assert.IsType<HHJobResult>(error.TargetObject);
        Assert.Equal("failed", failed.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Error));
        Assert.Contains(failed.Error!, error.ToString());
    }

    [Fact]
    public void TimeoutReturnsControlAndNamesEachUnfinishedJob()
    {
        Emulator.Options.TimeScale = 1000;
        var job = Submit("character1 takes forever");

        var result = Run("$j | Wait-HHJob -Timeout 1 -PollInterval 1", ("j", job));

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.WaitTimeout", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal(job.RequestId, error.TargetObject);
        Assert.Contains(job.RequestId, error.ToString());
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10), $"returned after {result.Elapsed}");
    }

    [Fact]
    public void StopProcessingEndsAWaitPromptly()
    {
        Emulator.Options.TimeScale = 1000;
        var job = Submit("character1 never ends");
        var (shell, handle, _) = Shell.Start("$j | Wait-HHJob -PollInterval 1", new System.Collections.Generic.Dictionary<string, object?> { ["j"] = job });
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Emulator.Accounting.RequestCount(EmulatorEndpoint.Status) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "Wait-HHJob never polled");
                System.Threading.Thread.Yield();
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            shell.Stop();
            Assert.True(handle.IsCompleted);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stop took {watch.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        }
        finally
        {
            shell.Dispose();
        }
    }

    [Fact]
    public void WaitAcceptsPlainRequestIdsAndStatusObjects()
    {
        Emulator.Options.Workers = 4;
        var a = Submit("character1 a");
        var b = Submit("character1 b");
        var result = Run("$a.RequestId, ($b | Get-HHJobStatus) | Wait-HHJob -Token $Token -BaseUri $BaseUri -PollInterval 1", ("a", a), ("b", b));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(new[] { a.RequestId, b.RequestId }.OrderBy(x => x), result.Objects<HHJobResult>().Select(r => r.RequestId).OrderBy(x => x));
        Assert.Contains(result.Progress, p => p.Activity.Contains("HappyHorse"));
    }
}
