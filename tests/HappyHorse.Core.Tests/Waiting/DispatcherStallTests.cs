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
        private readonly System.Diagnostics.Stopwatch _sinceStart = System.Diagnostics.Stopwatch.StartNew();
        private long _stoppedAt;
        private int _expected = int.MaxValue;

        public Run()
        {
            Probe = new WaitTicket(_client, "probe", null, null);
            _dispatcher = new PollDispatcher(16, Poll, late => Late.TrySetResult(late), _cts.Token, () => Clock);
            for (int i = 0; i < Polls; i++)
            {
                var planned = (Due: T0 + Hour + i * 10 * Second / Polls, Ticket: new WaitTicket(_client, "job" + i, null, null));
                Planned.Add(planned);
                _dispatcher.Enqueue(planned.Due, planned.Ticket);
            }
            // Planned last, the probe may find the loop asleep towards the hour with its next send a
            // boundary (50 ms) ahead: until the test sets it, the clock moves with real time.
            _dispatcher.Enqueue(T0, Probe);
            _probeSent.Task.WaitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        }

        public WaitTicket Probe { get; }
        public List<(long Due, WaitTicket Ticket)> Planned { get; } = new();
        public ConcurrentQueue<WaitTicket> Sent { get; } = new();
        public TaskCompletionSource<List<WaitTicket>> Late { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource AllSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>T0 plus the real time since the run began, until the test sets it: from then on it stands where set.</summary>
        public long Clock
        {
            get => Interlocked.Read(ref _stoppedAt) is long at && at != 0 ? at : T0 + _sinceStart.Elapsed.Ticks;
            set => Interlocked.Exchange(ref _stoppedAt, value);
        }

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
