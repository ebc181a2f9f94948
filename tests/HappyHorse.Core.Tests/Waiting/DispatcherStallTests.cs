using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>
/// The dispatcher on a clock the test moves: it plans to wake when the first poll is due, and the
/// test then wakes it late, as a process that was suspended (or asleep) would be woken. Polls that
/// came due meanwhile go back to be planned again; a wake merely a little late sends them.
/// </summary>
public class DispatcherStallTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero).UtcTicks;
    private static readonly long Hour = TimeSpan.TicksPerHour, Second = TimeSpan.TicksPerSecond;
    private const int Polls = 3_000;

    [Fact]
    public async Task PollsThatCameDueWhileTheProcessStoodStillAreHandedBackNotSent()
    {
        using var run = new Run();
        run.Clock = T0 + Hour + 20 * Second; // twenty seconds past the wake it planned
        run.WakeLoop();

        List<WaitTicket> late = await run.Late.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // Every poll planned in those ten seconds comes back, once, and none was sent. (The one that
        // woke the loop may have left already: the probe's slot takes what is due as it comes back.)
        Assert.Equal(late.Count, late.Distinct().Count());
        Assert.Subset(late.ToHashSet(), run.Planned.Select(p => p.Ticket).ToHashSet());
        Assert.Empty(run.Sent.Intersect(run.Planned.Select(p => p.Ticket)));
    }

    [Fact]
    public async Task AWakeATenthOfASecondLateSendsWhatIsDue()
    {
        using var run = new Run();
        run.Clock = T0 + Hour + 100 * TimeSpan.TicksPerMillisecond;
        int due = run.Planned.Count(p => (p.Due + Batch - 1) / Batch * Batch <= run.Clock) + 1; // and the wake-up poll
        run.ExpectSent(1 + due);
        run.WakeLoop();

        await run.AllSent.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(run.Late.Task.IsCompleted);
        Assert.Equal(1 + due, run.Sent.Count);
    }

    [Fact]
    public async Task APoolThatStaysStarvedStillSendsEveryPoll()
    {
        // Every reading 700 ms after the one before: each wake that was planned less than 200 ms ahead
        // is late, as on a thread pool that stays starved. Polls the waiter places again 800 ms ahead
        // (as it places a queued job's on the next mark) are due only at such a wake: handed back once,
        // they are sent then instead of going back and forth for ever.
        using var run = new Run(polls: 100, placeLateAgain: true);
        run.ExpectSent(1 + 100 + 1);
        run.Clock = T0 + Hour + 20 * Second;
        run.Starving = true;
        run.WakeLoop();

        await run.AllSent.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.Late.Task.IsCompleted);
        Assert.Equal(run.Sent.Count, run.Sent.Distinct().Count());
    }

    private static readonly long Batch = 50 * TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// A dispatcher with one poll sent now and <see cref="Polls"/> planned over ten seconds an hour
    /// ahead: once the probe is sent and the rest planned, the loop sleeps until the first of them.
    /// </summary>
    private sealed class Run : IDisposable
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly PollDispatcher _dispatcher;
        private readonly RunComfyClient _client = new(new Uri("http://127.0.0.1:1/v1"), new ApiCredential(new System.Security.SecureString()));
        private readonly TaskCompletionSource _probeSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _ticking = T0;
        private long _stoppedAt;
        private int _expected = int.MaxValue;

        /// <param name="placeLateAgain">Polls handed back are planned again at the clock's time, as the waiter plans a running job's.</param>
        public Run(int polls = Polls, bool placeLateAgain = false)
        {
            Probe = new WaitTicket(_client, "probe", null, null);
            _dispatcher = new PollDispatcher(16, Poll, late =>
            {
                Late.TrySetResult(late);
                if (!placeLateAgain) return;
                long at = Clock + 800 * TimeSpan.TicksPerMillisecond;
                foreach (var ticket in late) _dispatcher!.Enqueue(at, ticket);
            }, _cts.Token, () => Clock);
            for (int i = 0; i < polls; i++)
            {
                var planned = (Due: T0 + Hour + i * 10 * Second / polls, Ticket: new WaitTicket(_client, "job" + i, null, null));
                Planned.Add(planned);
                _dispatcher.Enqueue(planned.Due, planned.Ticket);
            }
            // Planned last, the probe may find the loop asleep towards the hour with its next send a
            // boundary (50 ms) ahead: until the test sets it, the clock moves at every reading.
            _dispatcher.Enqueue(T0, Probe);
            _probeSent.Task.WaitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        }

        public WaitTicket Probe { get; }
        public List<(long Due, WaitTicket Ticket)> Planned { get; } = new();
        public ConcurrentQueue<WaitTicket> Sent { get; } = new();
        public TaskCompletionSource<List<WaitTicket>> Late { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource AllSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// Until the test sets it, 10 ms later at every reading, whatever the real time: the loop gets past
        /// its next boundary in a few rounds and is never late, however slowly a loaded machine runs it.
        /// From then on it stands where set.
        /// </summary>
        public long Clock
        {
            get => Interlocked.Read(ref _stoppedAt) is long at && at != 0
                ? (Starving ? Interlocked.Add(ref _stoppedAt, 700 * TimeSpan.TicksPerMillisecond) : at)
                : Interlocked.Add(ref _ticking, 10 * TimeSpan.TicksPerMillisecond);
            set => Interlocked.Exchange(ref _stoppedAt, value);
        }

        /// <summary>Once the clock is set: every reading 700 ms after the last.</summary>
        public volatile bool Starving;

        public void ExpectSent(int count) => Volatile.Write(ref _expected, count);

        /// <summary>A poll due before the loop's planned wake wakes it now (the clock says how late that is).</summary>
        public void WakeLoop() => _dispatcher.Enqueue(T0, new WaitTicket(_client, "wake", null, null));

        private Task Poll(WaitTicket ticket, CancellationToken token)
        {
            Sent.Enqueue(ticket);
            if (ticket == Probe) _probeSent.TrySetResult();
            if (Sent.Count >= Volatile.Read(ref _expected)) AllSent.TrySetResult();
            return Task.CompletedTask;
        }

        public void Dispose() => _cts.Cancel();
    }
}
