using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using HappyHorse.Api;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>
/// How the follower hands the waiter's events to the consumer's thread: status changes gather into
/// one post instead of waking that thread once each, a job's end is posted at once, and nothing is
/// lost or reordered on the way.
/// </summary>
public class EventDeliveryTests
{
    private static readonly WaitOptions NoPolls = QuietWaiter.NoPolls;

    private static WaitTicket Ticket(string id) => QuietWaiter.Ticket(id);

    private static ResultReply Succeeded(string id) =>
        new(id, JobStates.Succeeded, new[] { new KeyValuePair<string, string>("video", "https://cdn.example/" + id + ".mp4") }, null, null, null, null);

    [Fact]
    public void StatusChangesWaitForOnePostAndAJobsEndTakesThemAlongAtOnce()
    {
        var posts = new BlockingCollection<Action>();
        var seen = new List<string>();
        var ended = new List<string>();
        // A change delay that never ends: only a job's end may post, so the count below cannot race a timer.
        using var follower = new JobFollower(NoPolls, posts.Add, o => ended.Add(o.Ticket.RequestId),
            e => seen.Add(e.Ticket.RequestId + ":" + e.NewStatus), CancellationToken.None, Timeout.InfiniteTimeSpan);
        var tickets = Enumerable.Range(0, 100).Select(i => Ticket("job" + i)).ToList();
        foreach (var t in tickets) follower.Follow(t);

        foreach (var t in tickets) follower.Arrived(WaitEvent.Changed(t, JobStates.InQueue));
        Assert.Empty(posts);

        follower.Arrived(WaitEvent.Finished(tickets[7], Succeeded("job7")));
        Assert.Single(posts);
        follower.Arrived(WaitEvent.Finished(tickets[8], Succeeded("job8")));
        Assert.Single(posts); // the post already queued will take it

        posts.Take()();
        Assert.Equal(tickets.Select(t => t.RequestId + ":in_queue"), seen);
        Assert.Equal(new[] { "job7", "job8" }, ended);
        Assert.Equal(98, follower.Pending);
    }

    [Fact]
    public void GatheredChangesArriveInOrderWhenTheirDelayEnds()
    {
        var posts = new BlockingCollection<Action>();
        var seen = new List<string>();
        using var follower = new JobFollower(NoPolls, posts.Add, _ => { }, e => seen.Add(e.Ticket.RequestId + ":" + e.NewStatus),
            CancellationToken.None, TimeSpan.FromMilliseconds(20));
        var tickets = Enumerable.Range(0, 50).Select(i => Ticket("job" + i)).ToList();
        foreach (var t in tickets) follower.Follow(t);
        foreach (var t in tickets) follower.Arrived(WaitEvent.Changed(t, JobStates.InQueue));
        foreach (var t in tickets) follower.Arrived(WaitEvent.Changed(t, JobStates.InProgress));

        var expected = tickets.Select(t => t.RequestId + ":in_queue").Concat(tickets.Select(t => t.RequestId + ":in_progress")).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen.Count < expected.Count)
        {
            Assert.True(posts.TryTake(out var post, TimeSpan.FromSeconds(Math.Max(0, (deadline - DateTime.UtcNow).TotalSeconds))),
                $"only {seen.Count} of {expected.Count} changes arrived");
            post!();
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void TheTallyCountsTheWordsEachJobHasAsTheyChange()
    {
        var tally = new WaitTally();
        for (int i = 0; i < 4; i++) tally.Enter(WaitTicket.NotSeenYet);
        Move(tally, WaitTicket.NotSeenYet, JobStates.InQueue);
        Move(tally, WaitTicket.NotSeenYet, JobStates.InProgress);
        Move(tally, WaitTicket.NotSeenYet, "thinking");
        var c = tally.Snapshot(5, 1, 0);
        Assert.Equal((2, 1), (c.Queued, c.Running));
        Assert.Equal(1, c.Other["thinking"]);

        Move(tally, "thinking", JobStates.InProgress);
        tally.Leave(JobStates.InProgress); // finished
        c = tally.Snapshot(5, 2, 0);
        Assert.Equal((2, 1), (c.Queued, c.Running));
        Assert.Empty(c.Other);
    }

    private static void Move(WaitTally tally, string from, string to)
    {
        tally.Leave(from);
        tally.Enter(to);
    }

    [Fact]
    public void AForecastSeenLaterHasLessTimeLeftAndThenIsOverdue()
    {
        var t0 = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
        var running = new TicketView(JobStates.InProgress, t0, null, t0, 5);
        var forecast = WaitForecast.Compute(new[] { running }, 1, 10, 5, t0); // 50 s of run

        var later = forecast.At(t0.AddSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(30), later.Left);
        Assert.True(later.Sure);
        Assert.False(later.Overdue);
        Assert.Equal(WaitForecast.Compute(new[] { running }, 1, 10, 5, t0.AddSeconds(20)).Left, later.Left);

        var past = forecast.At(t0.AddSeconds(60));
        Assert.True(past.Overdue);
        Assert.Equal(TimeSpan.Zero, past.Left);
    }
}
