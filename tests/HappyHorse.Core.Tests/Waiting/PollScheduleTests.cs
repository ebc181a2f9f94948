using System;
using System.Linq;
using HappyHorse.Api;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>The waiter's schedule: polls filed by the boundary they leave on, taken in time order and, within a boundary, in the order filed.</summary>
public class PollScheduleTests
{
    private static readonly long Batch = TimeSpan.FromMilliseconds(50).Ticks;
    private static readonly long T0 = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero).UtcTicks;

    private static WaitTicket Ticket(string id) => QuietWaiter.Ticket(id);

    [Fact]
    public void APollLeavesOnTheFirstBoundaryAtOrAfterItsDueTime()
    {
        var schedule = new PollSchedule(TimeSpan.FromTicks(Batch));

        Assert.Equal(T0, schedule.BoundaryOf(T0));
        Assert.Equal(T0 + Batch, schedule.BoundaryOf(T0 + 1));
        Assert.Equal(T0 + Batch, schedule.BoundaryOf(T0 + Batch));

        schedule.Add(T0 + 1, Ticket("a"));
        Assert.Equal(T0 + Batch, schedule.Next);
        Assert.Null(schedule.TakeDue(T0 + Batch - 1));
        Assert.False(schedule.AnyDue(T0 + Batch - 1));
        Assert.True(schedule.AnyDue(T0 + Batch));
        Assert.Equal("a", schedule.TakeDue(T0 + Batch)!.RequestId);
        Assert.Equal(0, schedule.Count);
        Assert.Null(schedule.Next);
    }

    [Fact]
    public void PollsComeOutByBoundaryThenInTheOrderFiled()
    {
        var schedule = new PollSchedule(TimeSpan.FromTicks(Batch));
        schedule.Add(T0 + 3 * Batch, Ticket("late"));
        schedule.Add(T0 + Batch - 10, Ticket("first-filed"));
        schedule.Add(T0 + 1, Ticket("second-filed")); // same boundary, due earlier, filed later
        schedule.Add(T0 - 5 * Batch, Ticket("overdue"));

        var taken = Enumerable.Range(0, 5).Select(_ => schedule.TakeDue(T0 + 10 * Batch)?.RequestId).ToList();

        Assert.Equal(new[] { "overdue", "first-filed", "second-filed", "late", null }, taken);
        Assert.Equal(0, schedule.Count);
    }

    [Fact]
    public void ABoundaryEmptiedAndFilledAgainIsFoundAgain()
    {
        var schedule = new PollSchedule(TimeSpan.FromTicks(Batch));
        schedule.Add(T0, Ticket("a"));
        Assert.Equal("a", schedule.TakeDue(T0)!.RequestId);
        schedule.Add(T0, Ticket("b"));
        schedule.Add(T0 + Batch, Ticket("c"));

        Assert.Equal(2, schedule.Count);
        Assert.Equal(T0, schedule.Next);
        Assert.Equal("b", schedule.TakeDue(T0)!.RequestId);
        Assert.Null(schedule.TakeDue(T0));
        Assert.Equal(T0 + Batch, schedule.Next);
    }
}
