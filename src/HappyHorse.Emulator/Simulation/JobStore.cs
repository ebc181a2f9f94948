namespace HappyHorse.Emulator.Simulation;

/// <summary>
/// The account's jobs as a lazily advanced discrete-event simulation. No timer or task per job:
/// every access first replays, under one lock, the events that happened since the last access
/// (a worker finishing at its end time immediately starts the next queued job at that same moment),
/// so 10,000 live jobs cost memory, not threads. Every operation is O(log n).
/// </summary>
internal sealed class JobStore
{
    private readonly object _gate = new();
    private readonly EmulatorOptions _options;
    private readonly SimulationClock _clock;
    private readonly Dictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly Queue<Job> _waiting = new();                                 // FIFO; cancelled jobs are skipped lazily
    private readonly FenwickTree _queuedBySequence = new();                       // 1 per job still queued
    private readonly PriorityQueue<Job, (long End, long Sequence)> _running = new();
    private long _lastSequence;
    private int _queued;
    private int _succeeded;
    private int _failed;
    private int _cancelled;

    private int _seed;

    public JobStore(EmulatorOptions options, int seed)
    {
        _options = options;
        _seed = seed;
        _clock = new SimulationClock(options.TimeProvider);
    }

    /// <param name="generationSeconds">Seconds of video to generate; the wall time is that × TimeScale.</param>
    public JobView Submit(string token, string modelId, int generationSeconds, decimal costUsd, bool willFail)
    {
        lock (_gate)
        {
            long now = AdvanceTo(_clock.Now);
            long sequence = ++_lastSequence;
            var job = new Job
            {
                Sequence = sequence,
                Id = RequestIds.For(_seed, sequence),
                Token = token,
                ModelId = modelId,
                CostUsd = costUsd,
                GenerationTicks = (long)(generationSeconds * Math.Max(0, _options.TimeScale) * TimeSpan.TicksPerSecond),
                WillFail = willFail,
                CreatedTicks = now,
            };
            _jobs.Add(job.Id, job);
            _waiting.Enqueue(job);
            _queuedBySequence.Add(sequence, 1);
            _queued++;
            StartWaiting(now);
            AdvanceTo(now); // a zero-length generation is already over
            return View(job);
        }
    }

    public JobView? Find(string id)
    {
        lock (_gate)
        {
            AdvanceTo(_clock.Now);
            return _jobs.TryGetValue(id, out Job? job) ? View(job) : null;
        }
    }

    /// <summary>Cancels a queued job; returns the job afterwards, whether it is cancelled (by this call or an earlier one), and whether this call did it.</summary>
    public (JobView Job, bool Cancelled, bool ByThisCall)? Cancel(string id)
    {
        lock (_gate)
        {
            long now = AdvanceTo(_clock.Now);
            if (!_jobs.TryGetValue(id, out Job? job)) return null;
            bool byThisCall = job.State == JobState.InQueue;
            if (byThisCall)
            {
                job.State = JobState.Cancelled;
                job.FinishedTicks = now;
                _queuedBySequence.Add(job.Sequence, -1);
                _queued--;
                _cancelled++;
            }
            return (View(job), job.State == JobState.Cancelled, byThisCall);
        }
    }

    public JobCounts Counts()
    {
        lock (_gate)
        {
            AdvanceTo(_clock.Now);
            return new JobCounts(_queued, _running.Count, _succeeded, _failed, _cancelled);
        }
    }

    /// <param name="seed">The request ids' seed from now on.</param>
    public void Reset(int seed)
    {
        lock (_gate)
        {
            _seed = seed;
            _jobs.Clear();
            _waiting.Clear();
            _queuedBySequence.Clear();
            _running.Clear();
            _lastSequence = 0;
            _queued = _succeeded = _failed = _cancelled = 0;
        }
    }

    private long AdvanceTo(long now)
    {
        while (_running.TryPeek(out Job? job, out var key) && key.End <= now)
        {
            _running.Dequeue();
            job.State = job.WillFail ? JobState.Failed : JobState.Succeeded;
            job.FinishedTicks = key.End;
            if (job.WillFail) _failed++;
            else _succeeded++;
            StartWaiting(key.End); // the freed worker picks up the next job the moment it frees
        }
        StartWaiting(now);         // Workers may have been raised since the last access
        return now;
    }

    private void StartWaiting(long at)
    {
        int workers = Math.Max(1, _options.Workers);
        while (_running.Count < workers && _waiting.TryDequeue(out Job? job))
        {
            if (job.State != JobState.InQueue) continue;
            job.State = JobState.InProgress;
            _queuedBySequence.Add(job.Sequence, -1);
            _queued--;
            _running.Enqueue(job, (at + job.GenerationTicks, job.Sequence));
        }
    }

    private JobView View(Job job) => new(
        job.Id,
        job.Token,
        job.ModelId,
        job.State,
        job.State == JobState.InQueue ? _queuedBySequence.PrefixSum(job.Sequence) : 0,
        job.CostUsd,
        _clock.ToWallClock(job.CreatedTicks),
        job.FinishedTicks >= 0 ? _clock.ToWallClock(job.FinishedTicks) : null);
}

internal readonly record struct JobCounts(int InQueue, int InProgress, int Succeeded, int Failed, int Cancelled);
