using System;

namespace HappyHorse.Download
{
    /// <summary>
    /// Lets progress through at most four times a second: a progress bar needs no more, and what
    /// feeds it (byte counts, a walk over every job of a batch) may come far more often.
    /// </summary>
    internal sealed class ProgressThrottle
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.25);
        private readonly Action<long, long?>? _report;
        private readonly Func<TimeSpan> _clock;
        private TimeSpan? _last;

        /// <summary>A gate alone: ask <see cref="Due"/> before showing progress.</summary>
        public ProgressThrottle() : this(null) { }

        /// <summary>Passes byte counts on to <paramref name="report"/> through <see cref="Report"/>.</summary>
        /// <param name="clock">Monotonic time (a test's, through <see cref="TransferLimits.Clock"/>); <see cref="TransferLimits.Monotonic"/> when null.</param>
        public ProgressThrottle(Action<long, long?>? report, Func<TimeSpan>? clock = null)
        {
            _report = report;
            _clock = clock ?? TransferLimits.Monotonic;
        }

        /// <summary>True when a quarter of a second has passed since it last said so (and the first time).</summary>
        public bool Due()
        {
            var now = _clock();
            if (_last.HasValue && now - _last.Value < Interval) return false;
            _last = now;
            return true;
        }

        public void Report(long bytes, long? total)
        {
            if (_report != null && Due()) _report(bytes, total);
        }

        public void Final(long bytes, long? total) => _report?.Invoke(bytes, total);
    }
}
