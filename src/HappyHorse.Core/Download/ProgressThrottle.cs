using System;
using System.Diagnostics;

namespace HappyHorse.Download
{
    /// <summary>Passes byte counts on at most four times a second: a progress bar needs no more.</summary>
    internal sealed class ProgressThrottle
    {
        private static readonly long Interval = Stopwatch.Frequency / 4;
        private readonly Action<long, long?>? _report;
        private long _last = long.MinValue;

        public ProgressThrottle(Action<long, long?>? report) => _report = report;

        public void Report(long bytes, long? total)
        {
            if (_report == null) return;
            long now = Stopwatch.GetTimestamp();
            if (_last != long.MinValue && now - _last < Interval) return;
            _last = now;
            _report(bytes, total);
        }

        public void Final(long bytes, long? total) => _report?.Invoke(bytes, total);
    }
}
