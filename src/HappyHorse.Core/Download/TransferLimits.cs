using System;
using System.Diagnostics;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace HappyHorse.Download
{
    /// <summary>
    /// What ends a download that is not broken but never finishes: a host that trickles (too few
    /// bytes over a window) or one that never stops sending (more bytes than any video needs).
    /// The clock and the file opener are seams: a test drives time and watches the flush itself.
    /// </summary>
    internal sealed class TransferLimits
    {
        /// <summary>4 GiB: far above any generated clip, far below a disk filled by a server that never stops.</summary>
        public const long DefaultMaxBytes = 4L * 1024 * 1024 * 1024;

        public long MaxBytes { get; set; } = DefaultMaxBytes;

        /// <summary>Slower than this on average over <see cref="StallWindow"/> ends the transfer; 0 turns the rule off.</summary>
        public long MinBytesPerSecond { get; set; } = 1024;

        public TimeSpan StallWindow { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Monotonic time since some fixed start.</summary>
        public Func<TimeSpan> Clock { get; set; } = Monotonic;

        /// <summary>Opens the ".part" file for writing (FileMode.CreateNew or Append).</summary>
        public Func<string, FileMode, FileStream> OpenFile { get; set; } = OpenForWrite;

        /// <summary>
        /// Once this many bytes have been written since the last flush began, and it has ended, the
        /// next one starts in the background (see <see cref="BackgroundFlush"/>); 0 turns it off.
        /// 8 MiB: on the bench's VM 2, 8, 16, 32 and 64 MiB all took the same ~0.2 s off a 500 MiB
        /// save, and a smaller step leaves less for the final fsync when the disk keeps up.
        /// </summary>
        public long FlushBytes { get; set; } = 8 * 1024 * 1024;

        /// <summary>
        /// Flushes the open file's written bytes to the disk, blocking, off the download's thread; false
        /// when it cannot be done here (then no more are started); throws when it failed. Null: no background flush.
        /// </summary>
        public Func<SafeFileHandle, bool>? FlushInBackground { get; set; } = BackgroundFlush.Default;

        private static readonly Stopwatch Started = Stopwatch.StartNew();

        /// <summary>The default <see cref="Clock"/>: time since the first transfer of the process.</summary>
        internal static TimeSpan Monotonic() => Started.Elapsed;

        private static FileStream OpenForWrite(string path, FileMode mode) =>
            new FileStream(path, mode, FileAccess.Write, FileShare.Read, 1);
    }
}
