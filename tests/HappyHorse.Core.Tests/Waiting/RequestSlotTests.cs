using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Tests.Shared;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>
/// The waiter's request slots: a poll that ends takes the next one due instead of handing its slot
/// back, so the bound on requests in flight must hold across those hand-overs, and a slot must come
/// back when the polls that held it are done.
/// </summary>
public class RequestSlotTests
{
    private const int Slots = 3;

    [Fact]
    public async Task RequestsInFlightNeverExceedTheSlotsWhileAnswersAreHeldOrQuick()
    {
        int inFlight = 0, most = 0, arrived = 0;
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slotsFull = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawHttpServer.Start(_ => RawAnswer.Async(async () =>
        {
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            int n = Interlocked.Increment(ref arrived);
            if (n == Slots) slotsFull.TrySetResult();
            if (n >= 200) enough.TrySetResult();
            // The first requests wait for the test: any poll sent past the bound arrives meanwhile.
            if (n <= Slots) await held.Task;
            Interlocked.Decrement(ref inFlight);
            return RawAnswer.Json("{\"status\":\"in_queue\",\"queue_position\":1}");
        }));
        var options = new WaitOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(1), MaxPollInterval = TimeSpan.FromMilliseconds(1), MaxConcurrentRequests = Slots,
        };
        using var waiter = new JobWaiter(options, _ => { }, CancellationToken.None);
        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (int i in Enumerable.Range(0, 12)) waiter.Add(new WaitTicket(ApiTest.Client(server.BaseUri), "job" + i, longAgo, null));

        await slotsFull.Task.WaitAsync(TimeSpan.FromSeconds(20));
        held.SetResult();
        await enough.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Slots, most);
    }

    [Fact]
    public async Task EveryJobIsPolledWhenMoreAreDueThanThereAreSlots()
    {
        var polled = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int Jobs = 40;
        await using var server = RawHttpServer.Start(request =>
        {
            string id = request.Target.Split('/')[^2];
            polled.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (polled.Count == Jobs) all.TrySetResult();
            return RawAnswer.Json("{\"status\":\"in_queue\",\"queue_position\":1}");
        });
        var options = new WaitOptions { PollInterval = TimeSpan.FromMinutes(10), MaxConcurrentRequests = Slots };
        using var waiter = new JobWaiter(options, _ => { }, CancellationToken.None);
        // Submitted an interval ago: every first poll is due at once, and only the slots limit them.
        var due = DateTimeOffset.UtcNow - options.PollInterval;
        foreach (int i in Enumerable.Range(0, Jobs)) waiter.Add(new WaitTicket(ApiTest.Client(server.BaseUri), "job" + i, due, null));

        await all.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(polled.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task ARequestThatNeverAnswersDoesNotKeepTheOtherSlotsIdle()
    {
        int arrived = 0;
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawHttpServer.Start(_ => RawAnswer.Async(async () =>
        {
            int n = Interlocked.Increment(ref arrived);
            if (n >= 40) enough.TrySetResult();
            // The first request hangs until the test ends; the others answer slower than a batch (50 ms),
            // so their slots are handed back and only a whole batch would send the next one by itself.
            if (n == 1) await hung.Task;
            else await Task.Delay(80);
            return RawAnswer.Json("{\"status\":\"in_queue\",\"queue_position\":1}");
        }));
        var options = new WaitOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(1), MaxPollInterval = TimeSpan.FromMilliseconds(1), MaxConcurrentRequests = Slots,
        };
        // The hung request must outlast the test: a timeout would bring the batch back whole.
        var client = ApiTest.Client(server.BaseUri, options: ApiTest.Fast(requestTimeoutMs: 300_000));
        using var waiter = new JobWaiter(options, _ => { }, CancellationToken.None);
        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (int i in Enumerable.Range(0, 12)) waiter.Add(new WaitTicket(client, "job" + i, longAgo, null));

        try
        {
            // Forty requests while the first is still out: the batch never comes back whole, yet its other slots go on polling.
            await enough.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(hung.Task.IsCompleted);
        }
        finally
        {
            hung.TrySetResult();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
