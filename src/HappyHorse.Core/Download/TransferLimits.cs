using System;
using System.Diagnostics;
using System.IO;

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

        /// <summary>Every this many bytes written, the OS is asked to start putting them on the disk (see <see cref="EarlyWriteback"/>); 0 turns it off.</summary>
        public long WritebackBytes { get; set; } = 8 * 1024 * 1024;

        /// <summary>Starts writeback of (file, offset, count) without waiting for it.</summary>
        public Action<FileStream, long, long> StartWriteback { get; set; } = EarlyWriteback.Start;

        private static readonly Stopwatch Started = Stopwatch.StartNew();

        /// <summary>The default <see cref="Clock"/>: time since the first transfer of the process.</summary>
        internal static TimeSpan Monotonic() => Started.Elapsed;

        private static FileStream OpenForWrite(string path, FileMode mode) =>
            new FileStream(path, mode, FileAccess.Write, FileShare.Read, 1);
    }
}
