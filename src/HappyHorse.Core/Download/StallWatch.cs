using System;
using System.Globalization;

namespace HappyHorse.Download
{
    /// <summary>
    /// The stall rule of <see cref="TransferLimits"/>: fewer bytes than the minimum rate allows over
    /// a whole window ends the transfer. Measured in windows rather than per read, so a burst then a
    /// pause is fine while a host that trickles a byte a second (and so never trips the idle timeout)
    /// is not. Looked at on every read; total silence is the idle timeout's job.
    /// </summary>
    internal sealed class StallWatch
    {
        private readonly TransferLimits _limits;
        private TimeSpan _windowStart;
        private long _windowBytes;

        public StallWatch(TransferLimits limits, long startBytes)
        {
            _limits = limits;
            _windowStart = limits.Clock();
            _windowBytes = startBytes;
        }

        /// <returns>Why the transfer is too slow, or null while it keeps up.</returns>
        public string? Check(long bytes)
        {
            if (_limits.MinBytesPerSecond <= 0) return null;
            var now = _limits.Clock();
            var elapsed = now - _windowStart;
            if (elapsed < _limits.StallWindow) return null;
            long got = bytes - _windowBytes;
            if (got < _limits.MinBytesPerSecond * elapsed.TotalSeconds)
                return string.Format(CultureInfo.InvariantCulture, "only {0:N0} bytes arrived in the last {1:0} s, below the minimum of {2}",
                    got, elapsed.TotalSeconds, Rate(_limits.MinBytesPerSecond));
            _windowStart = now;
            _windowBytes = bytes;
            return null;
        }

        private static string Rate(long bytesPerSecond) => bytesPerSecond % 1024 == 0
            ? (bytesPerSecond / 1024).ToString(CultureInfo.InvariantCulture) + " KiB/s"
            : bytesPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " bytes/s";
    }
}
