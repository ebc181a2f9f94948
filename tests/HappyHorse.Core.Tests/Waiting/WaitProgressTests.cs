using System;
using System.Collections.Generic;
using HappyHorse.Api;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>The words of the progress bars, composed from counts and a forecast on a clock the test holds.</summary>
public class WaitProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static TicketView Running(DateTimeOffset since, int videoSeconds = 5) => new(JobStates.InProgress, since, null, since, videoSeconds);
    private static TicketView Queued(int position, DateTimeOffset askedAt, int videoSeconds = 5) => new(JobStates.InQueue, null, position, askedAt, videoSeconds);

    [Fact]
    public void TheTimeLeftFallsWhileTheLastJobRunsAndNeverClimbs()
    {
        // 10 s of run per second of video, learned from 5 jobs: a 5 s video runs 50 s.
        var job = new[] { Running(T0) };
        var shown = new List<double>();
        for (int s = 0; s <= 70; s += 5)
        {
            var f = WaitForecast.Compute(job, 0.5, 10, 5, T0.AddSeconds(s));
            shown.Add(f.Left!.Value.TotalSeconds);
            if (s >= 50) Assert.True(f.Overdue);
        }
        for (int i = 1; i < shown.Count; i++) Assert.True(shown[i] <= shown[i - 1], $"the time left climbed: {string.Join(", ", shown)}");
        Assert.Equal(50, shown[0]);

        var last = new WaitCounts(8, 0, 1, 7, 0);
        Assert.Equal("1 running, 0 queued, 7 done; the last job should finish any moment",
            WaitProgress.Status(last, WaitForecast.Compute(job, 0.5, 10, 5, T0.AddSeconds(60))));
    }

    [Fact]
    public void QueuedJobsFinishAfterTheirTurnComesAtTheQueuesPace()
    {
        // Two starts a second: position 10 starts in 5 s, then runs 10 s.
        var f = WaitForecast.Compute(new[] { Queued(10, T0), Running(T0) }, 2, 2, 5, T0);
        Assert.Equal(TimeSpan.FromSeconds(15), f.Left);
        Assert.True(f.Sure);
        Assert.Equal(1, f.LikelyRunning);

        // Its turn has come by the pace, though no poll has seen it start: it counts as running.
        var later = WaitForecast.Compute(new[] { Queued(10, T0) }, 2, 2, 5, T0.AddSeconds(6));
        Assert.Equal(1, later.LikelyRunning);
        Assert.Equal("1 running, 0 queued, 0 done; 9 s left", WaitProgress.Status(new WaitCounts(1, 1, 0, 0, 0), later));
    }

    [Fact]
    public void BeforeThePaceIsKnownTheBarSaysSoAndWithFewSamplesItSaysAbout()
    {
        var counts = new WaitCounts(200, 198, 2, 0, 0);
        var unknown = WaitForecast.Compute(new[] { Queued(3, T0), Running(T0) }, 0, 0, 0, T0);
        Assert.Null(unknown.Left);
        Assert.Equal("2 running, 198 queued, 0 done; time left not known yet", WaitProgress.Status(counts, unknown));
        Assert.Equal(-1, WaitProgress.SecondsRemaining(counts, unknown));

        var rough = WaitForecast.Compute(new[] { Running(T0) }, 1, 30, 1, T0);
        Assert.False(rough.Sure);
        Assert.Equal("about 3 min left", WaitProgress.TimeLeft(new WaitCounts(3, 0, 1, 2, 0), rough));
        Assert.Equal(-1, WaitProgress.SecondsRemaining(new WaitCounts(3, 0, 1, 2, 0), rough));

        var sure = WaitForecast.Compute(new[] { Running(T0) }, 1, 30, 3, T0);
        Assert.Equal("3 min left", WaitProgress.TimeLeft(new WaitCounts(3, 0, 1, 2, 0), sure));
        Assert.Equal(150, WaitProgress.SecondsRemaining(new WaitCounts(3, 0, 1, 2, 0), sure));
    }

    [Fact]
    public void FailuresAndTheTotalAreWordedPlainly()
    {
        var counts = new WaitCounts(1, 0, 0, 0, 1);
        Assert.Equal("Waiting for 1 HappyHorse job", WaitProgress.Activity(counts));
        Assert.Equal("0 running, 0 queued, 0 done, 1 failed; all finished", WaitProgress.Status(counts, WaitForecast.Compute(Array.Empty<TicketView>(), 0, 0, 0, T0)));
        Assert.Equal("1 h 5 min", WaitProgress.Duration(TimeSpan.FromMinutes(64.5)));
        Assert.Equal("1 s", WaitProgress.Duration(TimeSpan.FromMilliseconds(10)));
    }
}
