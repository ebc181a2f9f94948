using System;
using HappyHorse.Api;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>When the engine asks about a job next, on a clock the test controls.</summary>
public class PollPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private readonly WaitOptions _options = new() { PollInterval = TimeSpan.FromSeconds(2), MaxPollInterval = TimeSpan.FromSeconds(30), MaxQueuedPollInterval = TimeSpan.FromSeconds(60) };

    private static WaitTicket Ticket(int videoSeconds = 5) =>
        new(new RunComfyClient(new Uri("http://127.0.0.1:1/v1"), new ApiCredential(Secure("t"))), Guid.NewGuid().ToString(), null, null) { VideoSeconds = videoSeconds };

    private static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (char c in text) secure.AppendChar(c);
        return secure;
    }

    [Fact]
    public void TheNextJobToStartAndJobsWithoutAPositionArePolledEveryInterval()
    {
        var planner = new PollPlanner(_options);
        Assert.Equal(TimeSpan.FromSeconds(2), planner.AfterQueued(Ticket(), 1, T0));
        Assert.Equal(TimeSpan.FromSeconds(2), planner.AfterQueued(Ticket(), null, T0));
    }

    [Fact]
    public void BeforeThePaceIsKnownDeepJobsBackOffByDepthUpToFourIntervals()
    {
        var planner = new PollPlanner(_options);
        Assert.Equal(TimeSpan.FromSeconds(4), planner.AfterQueued(Ticket(), 11, T0));
        Assert.Equal(TimeSpan.FromSeconds(8), planner.AfterQueued(Ticket(), 10_000, T0));
    }

    [Fact]
    public void OnceTheQueuePaceIsKnownAJobIsAskedAgainShortlyBeforeItsTurn()
    {
        var planner = new PollPlanner(_options);
        var watched = Ticket();
        planner.AfterQueued(watched, 101, T0);
        planner.AfterQueued(watched, 81, T0.AddSeconds(10)); // 2 jobs start per second

        Assert.Equal(TimeSpan.FromSeconds(0.8 * 20 / 2.0), planner.AfterQueued(Ticket(), 21, T0.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(60), planner.AfterQueued(Ticket(), 5_000, T0.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(2), planner.AfterQueued(Ticket(), 2, T0.AddSeconds(10)));
    }

    [Fact]
    public void ARunningJobIsFirstAskedWhenJobsLikeItHaveTakenToFinish()
    {
        var planner = new PollPlanner(_options);
        var first = Ticket(videoSeconds: 5);
        Assert.Equal(TimeSpan.FromSeconds(2), planner.AfterRunning(first, T0)); // nothing learned yet
        planner.Finished(first, T0.AddSeconds(50)); // 10 s of run per second of video

        var second = Ticket(videoSeconds: 3);
        planner.AfterQueued(second, 1, T0.AddSeconds(100));
        var wait = planner.AfterRunning(second, T0.AddSeconds(102)); // started ~101 s: due at 101 + 0.9 * 30
        Assert.Equal(TimeSpan.FromSeconds(101 + 27 - 102), wait);
        Assert.Equal(TimeSpan.FromSeconds(2), planner.AfterRunning(second, T0.AddSeconds(128))); // overdue: every interval now
    }

    [Fact]
    public void AStartKnownOnlyLooselyTeachesNothingSoQueueTimeIsNotMistakenForRunTime()
    {
        var planner = new PollPlanner(_options);
        var slow = Ticket(videoSeconds: 5);
        planner.AfterQueued(slow, 30, T0);
        planner.AfterRunning(slow, T0.AddSeconds(60)); // queued at 0 s, running at 60 s: started anywhere in between
        planner.Finished(slow, T0.AddSeconds(62));

        var next = Ticket(videoSeconds: 5);
        planner.AfterQueued(next, 1, T0.AddSeconds(70));
        Assert.Equal(TimeSpan.FromSeconds(2), planner.AfterRunning(next, T0.AddSeconds(71)));
    }

    [Fact]
    public void WithPaceAndRunTimeKnownAQueuedJobIsNextAskedForItsResultWhenItShouldBeDone()
    {
        var planner = new PollPlanner(_options);
        var first = Ticket(videoSeconds: 5);
        planner.AfterQueued(first, 1, T0);
        planner.AfterRunning(first, T0.AddSeconds(2));
        planner.Finished(first, T0.AddSeconds(12)); // started ~1 s, done by 12 s: 2.2 s of run per video second
        var mover = Ticket();
        planner.AfterQueued(mover, 41, T0);
        planner.AfterQueued(mover, 21, T0.AddSeconds(10)); // 2 jobs start per second

        var deep = Ticket(videoSeconds: 5);
        var wait = planner.AfterQueued(deep, 20, T0.AddSeconds(10));
        Assert.True(deep.ResultNext);
        Assert.Equal(1.02 * (20 / 2.0 + 2.2 * 5), wait.TotalSeconds, 3);

        var tooDeep = Ticket(videoSeconds: 5);
        Assert.Equal(TimeSpan.FromSeconds(60), planner.AfterQueued(tooDeep, 500, T0.AddSeconds(10)));
        Assert.False(tooDeep.ResultNext);
    }
}
