using System;
using System.Threading;
using HappyHorse.Api;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>The waiter's forecast reads its tickets where they are: finished ones drop out, and a refresh sees changes.</summary>
public class WaiterForecastTests
{
    private static WaitTicket Ticket(string id, string status, DateTimeOffset now)
    {
        var ticket = QuietWaiter.Ticket(id, now);
        ticket.Status = status;
        if (status == JobStates.InProgress) ticket.RunningSince = now;
        return ticket;
    }

    [Fact]
    public void OnlyUnfinishedTicketsCountAndARefreshSeesTheirChanges()
    {
        var t0 = DateTimeOffset.UtcNow;
        using var waiter = new JobWaiter(QuietWaiter.NoPolls, _ => { }, CancellationToken.None);
        var running = Ticket("a", JobStates.InProgress, t0);
        var done = Ticket("b", JobStates.InProgress, t0);
        done.Finished = true;
        var queued = Ticket("c", JobStates.InQueue, t0);
        foreach (var t in new[] { running, done, queued }) waiter.Add(t);

        var first = waiter.Forecast(t0);
        Assert.Equal(1, first.LikelyRunning);
        Assert.Null(first.Left); // no pace learned yet

        // Within the refresh interval the same forecast is only moved in time.
        queued.Status = JobStates.InProgress;
        Assert.Equal(1, waiter.Forecast(t0.AddMilliseconds(10)).LikelyRunning);

        var refreshed = waiter.Forecast(t0.AddSeconds(5));
        Assert.Equal(2, refreshed.LikelyRunning);

        running.Finished = queued.Finished = true;
        var none = waiter.Forecast(t0.AddSeconds(10));
        Assert.Equal(0, none.LikelyRunning);
        Assert.Equal(TimeSpan.Zero, none.Left);
    }
}
