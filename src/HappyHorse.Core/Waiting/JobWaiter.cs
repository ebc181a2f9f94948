using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;

namespace HappyHorse.Waiting
{
    /// <summary>
    /// One engine polls every job: it keeps the tickets, reads each answer and plans the next poll;
    /// <see cref="PollDispatcher"/> sends them, a bounded number at once — no thread or timer per
    /// job, so ten thousand jobs cost what ten do.
    /// </summary>
    internal sealed class JobWaiter : IDisposable
    {
        private readonly WaitOptions _options;
        private readonly Action<WaitEvent> _onEvent;
        private readonly CancellationTokenSource _cts;
        private readonly object _gate = new object();
        private readonly List<WaitTicket> _tickets = new List<WaitTicket>();
        private readonly PollPlanner _planner;
        private readonly PollSpreader _spreader;
        private readonly PollDispatcher _dispatcher;
        private readonly object _forecastGate = new object();
        private readonly WaitTally _tally = new WaitTally();
        private WaitForecast? _forecast;
        private DateTimeOffset _forecastAt;
        private int _forecastUnfinished;
        private int _succeeded, _failed;

        public JobWaiter(WaitOptions options, Action<WaitEvent> onEvent, CancellationToken cancellationToken)
        {
            _options = options;
            _onEvent = onEvent;
            _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _dispatcher = new PollDispatcher(options.MaxConcurrentRequests, PollAsync, PlaceLate, _cts.Token);
            _planner = new PollPlanner(options);
            _spreader = new PollSpreader(options.PollInterval);
        }

        /// <summary>Starts following a job now; the first poll waits one interval after its submission.</summary>
        public void Add(WaitTicket ticket)
        {
            var now = DateTimeOffset.UtcNow;
            var first = ticket.SubmittedAt.HasValue ? ticket.SubmittedAt.Value.ToUniversalTime() + _options.PollInterval : now;
            lock (_gate)
            {
                _tickets.Add(ticket);
                if (!ticket.Finished) _tally.Enter(ticket.Shown);
                // A flood of submits would bring a flood of first polls: they are spread like any queued poll.
                var wanted = first < now ? now : first;
                _dispatcher.Enqueue(_spreader.Place(wanted.UtcTicks, now.UtcTicks, Active), ticket);
            }
        }

        public WaitCounts Counts
        {
            get
            {
                lock (_gate) return _tally.Snapshot(_tickets.Count, _succeeded, _failed);
            }
        }

        /// <summary>When the unfinished jobs should be done, from their state and the pace learned so far.</summary>
        public WaitForecast Forecast(DateTimeOffset now)
        {
            // Expected finishes are points in time: between refreshes the last forecast is moved to now
            // instead of walking every ticket again, which with 10,000 jobs held the poll lock each tick.
            lock (_forecastGate)
            {
                if (_forecast is WaitForecast last && now >= _forecastAt && now - _forecastAt < ForecastRefresh) return last.At(now);
                var pace = _planner.Pace;
                WaitForecast forecast;
                // Walked in place under the poll lock, which copying the views needed as well: the copy was a
                // list of 10,000 views (1.2 MB, and its smaller predecessors) kept for the batch's life.
                lock (_gate)
                {
                    forecast = WaitForecast.Compute(UnfinishedViews(), pace.QueueStartsPerSecond, pace.RunSecondsPerVideoSecond, pace.RunSamples, now);
                    Volatile.Write(ref _forecastUnfinished, _tickets.Count - _succeeded - _failed);
                }
                (_forecast, _forecastAt) = (forecast, now);
                return forecast;
            }
        }

        /// <summary>Under <see cref="_gate"/>, enumerated at once.</summary>
        private IEnumerable<TicketView> UnfinishedViews()
        {
            foreach (var t in _tickets)
                if (!t.Finished) yield return new TicketView(t.Status, t.RunningSince, t.QueuePosition, t.LastPolledAt, t.VideoSeconds);
        }

        public IReadOnlyList<WaitTicket> Unfinished()
        {
            lock (_gate) return _tickets.FindAll(t => !t.Finished);
        }

        private async Task PollAsync(WaitTicket ticket, CancellationToken token)
        {
            try
            {
                // A running job is asked for its result directly: the poll that sees it finish also brings the output.
                if (ticket.Status == JobStates.InProgress || ticket.ResultNext)
                {
                    await PollResultAsync(ticket, token).ConfigureAwait(false);
                    return;
                }

                var status = await ticket.Client.GetStatusAsync(ticket.RequestId, token).ConfigureAwait(false);
                var now = DateTimeOffset.UtcNow;
                ticket.Status = status.Status;
                ticket.QueuePosition = status.QueuePosition;
                ticket.TransientFailures = 0;
                ticket.InvalidAnswers = 0;
                // A finished word sends us to /result at once, and that answer is the one worth showing.
                if (!JobStates.IsFinished(status.Status)) Saw(ticket, status.Status);
                if (JobStates.IsFinished(status.Status))
                    await PollResultAsync(ticket, token).ConfigureAwait(false);
                else if (status.Status == JobStates.InQueue)
                    RescheduleQueued(ticket, _planner.AfterQueued(ticket, status.QueuePosition, now));
                else
                    Reschedule(ticket, status.Status == JobStates.InProgress ? _planner.AfterRunning(ticket, now) : _options.PollInterval);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (RunComfyApiException ex) when (IsPassing(ex.Kind))
            {
                // An outage passes; a server that keeps answering with redirects or garbage does not.
                if (ex.Kind == ApiErrorKind.InvalidResponse && ++ticket.InvalidAnswers >= _options.MaxInvalidAnswers)
                {
                    Finish(ticket, WaitEvent.Failed(ticket, new RunComfyApiException(ApiErrorKind.InvalidResponse,
                        $"{ticket.RequestId}: gave up after {ticket.InvalidAnswers} unreadable answers in a row; the last: {ex.Message}", ex.HttpStatus, inner: ex)), false);
                    return;
                }
                ticket.TransientFailures++;
                _onEvent(WaitEvent.Noticed(ticket, $"{ticket.RequestId}: {ex.Message} Still waiting."));
                var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxPollInterval.Ticks, _options.PollInterval.Ticks * (1L << Math.Min(ticket.TransientFailures, 5))));
                Reschedule(ticket, backoff);
            }
            catch (RunComfyApiException ex)
            {
                Finish(ticket, WaitEvent.Failed(ticket, ex), false);
            }
            catch (Exception ex)
            {
                Finish(ticket, WaitEvent.Failed(ticket, new RunComfyApiException(ApiErrorKind.Other, $"{ticket.RequestId}: unexpected {ex.GetType().Name}: {ex.Message}", inner: ex)), false);
            }
        }

        private async Task PollResultAsync(WaitTicket ticket, CancellationToken token)
        {
            var result = await ticket.Client.GetResultAsync(ticket.RequestId, _options.IncludeCost, token).ConfigureAwait(false);
            ticket.TransientFailures = 0;
            ticket.InvalidAnswers = 0;
            if (result.Status == JobStates.Succeeded || result.Status == JobStates.Failed || result.Status == JobStates.Cancelled)
            {
                _planner.Finished(ticket, DateTimeOffset.UtcNow);
                Finish(ticket, WaitEvent.Finished(ticket, result), result.Status == JobStates.Succeeded);
                return;
            }
            // Not final yet (or the two endpoints disagree for a moment): queued goes back to status
            // polls (they tell the position); running stays on result polls; a word we do not know
            // is shown and polled again like a running job's, until it changes or -Timeout ends the wait.
            ticket.ResultNext = false;
            if (result.Status == JobStates.InProgress && ticket.Status != JobStates.InProgress)
                ticket.RunningSince ??= DateTimeOffset.UtcNow; // seen running only through the result: a loose start
            ticket.Status = result.Status;
            Saw(ticket, result.Status);
            Reschedule(ticket, _options.PollInterval);
        }

        /// <summary>Reports a word when it differs from the last one shown, so a word that alternates with /status's "completed" is not repeated every poll.</summary>
        private void Saw(WaitTicket ticket, string word)
        {
            lock (_gate)
            {
                if (ticket.Shown == word) return;
                if (!ticket.Finished)
                {
                    _tally.Leave(ticket.Shown);
                    _tally.Enter(word);
                }
                ticket.Shown = word;
            }
            _onEvent(WaitEvent.Changed(ticket, word));
        }

        private static bool IsPassing(ApiErrorKind kind) =>
            kind == ApiErrorKind.Network || kind == ApiErrorKind.Timeout || kind == ApiErrorKind.ServerError
            || kind == ApiErrorKind.RateLimited || kind == ApiErrorKind.InvalidResponse;

        private void Reschedule(WaitTicket ticket, TimeSpan after)
        {
            _dispatcher.Enqueue((DateTimeOffset.UtcNow + after).UtcTicks, ticket);
        }

        /// <summary>A queued job's next poll, moved later if its second is full (see <see cref="PollSpreader"/>).</summary>
        private void RescheduleQueued(WaitTicket ticket, TimeSpan after)
        {
            lock (_gate)
            {
                long now = DateTimeOffset.UtcNow.UtcTicks, wanted = now + after.Ticks;
                _dispatcher.Enqueue(PollSpreader.MayDefer(ticket) ? _spreader.Place(wanted, now, Active) : wanted, ticket);
            }
        }

        /// <summary>The polls that came due while the process stood still, planned again (see <see cref="PollSpreader.PlaceLate"/>).</summary>
        private void PlaceLate(List<WaitTicket> late)
        {
            lock (_gate)
            {
                long now = DateTimeOffset.UtcNow.UtcTicks;
                foreach (var ticket in late) _dispatcher.Enqueue(_spreader.PlaceLate(ticket, now, Active), ticket);
            }
        }

        /// <summary>
        /// A second, and a second more per 1,000 jobs: a walk of 10,000 tickets took 2 ms, 3 % of the
        /// engine's CPU at 200 ms latency when it ran every 3 s (perf); the forecast moves with the
        /// clock in between, and a batch that large finishes over hours, not seconds.
        /// </summary>
        private TimeSpan ForecastRefresh => TimeSpan.FromSeconds(1 + Volatile.Read(ref _forecastUnfinished) / 1000.0);

        /// <summary>Jobs still awaited; under the lock.</summary>
        private int Active => _tickets.Count - _succeeded - _failed;

        private void Finish(WaitTicket ticket, WaitEvent final, bool succeeded)
        {
            lock (_gate)
            {
                if (!ticket.Finished) _tally.Leave(ticket.Shown);
                ticket.Finished = true;
                if (final.Result != null) ticket.Status = final.Result.Status;
                if (succeeded) _succeeded++; else _failed++;
            }
            _onEvent(final);
        }

        /// <summary>Stops polling. The token source is left to the GC: in-flight polls may still observe it.</summary>
        public void Dispose() => _cts.Cancel();
    }
}
