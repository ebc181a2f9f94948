using System;
using System.Diagnostics;
using System.Management.Automation;
using HappyHorse.Download;

namespace HappyHorse.Records
{
    /// <summary>The progress bars of Save-HHVideo: one for the batch, one under it per large file in flight.</summary>
    internal static class DownloadProgress
    {
        public const int BatchActivity = 1;
        private const double Megabyte = 1024 * 1024;

        /// <summary>A file smaller than this gets no bar of its own: it would only flash "0.0 of 0.0 MB".</summary>
        public const long ChildBarBytes = 1024 * 1024;

        /// <param name="inputEnded">
        /// False while results may still arrive: the total is not known then, so no percentage is
        /// claimed (4 saved of 4 known is not 100 % of a batch of 7 still streaming in).
        /// </param>
        public static ProgressRecord Batch(int saved, int skipped, int active, int waiting, int failed, bool inputEnded)
        {
            int finished = saved + skipped + failed, all = finished + active + waiting;
            return new ProgressRecord(BatchActivity, "Saving HappyHorse videos", BatchStatus(saved, skipped, active, waiting, failed, inputEnded))
            {
                PercentComplete = !inputEnded ? -1 : all == 0 ? 0 : Math.Min(100, finished * 100 / all),
            };
        }

        /// <summary>e.g. "4 of 7 saved, 2 downloading, 1 waiting for its job" or, while more may come, "4 saved, 1 downloading".</summary>
        public static string BatchStatus(int saved, int skipped, int active, int waiting, int failed, bool inputEnded)
        {
            int all = saved + skipped + failed + active + waiting;
            string text = inputEnded ? $"{saved + skipped} of {all} saved" : $"{saved + skipped} saved";
            if (skipped > 0) text += $" ({skipped} already there)";
            if (active > 0) text += $", {active} downloading";
            if (waiting > 0) text += $", {waiting} waiting for {(waiting == 1 ? "its job" : "their jobs")}";
            if (failed > 0) text += $", {failed} failed";
            if (!inputEnded) text += "; more may come";
            return text;
        }

        /// <summary>The bar of one file, or null for a small file (see <see cref="ChildBarBytes"/>).</summary>
        /// <param name="bytesPerSecond">Over this run's bytes only: a resumed file's earlier bytes are not speed.</param>
        public static ProgressRecord? File(int activity, VideoDownload item, long bytes, long? total, double bytesPerSecond)
        {
            if ((total ?? bytes) < ChildBarBytes) return null;
            double rate = bytesPerSecond / Megabyte;
            string status = FileStatus(bytes, total, bytesPerSecond);
            var record = new ProgressRecord(activity, "Saving " + item.Name, status) { ParentActivityId = BatchActivity };
            if (total is long whole && whole > 0)
            {
                record.PercentComplete = (int)Math.Min(100, bytes * 100 / whole);
                if (rate > 0) record.SecondsRemaining = (int)Math.Min(int.MaxValue, (whole - bytes) / Megabyte / rate);
            }
            return record;
        }

        /// <summary>
        /// A download's byte counts (already throttled by the downloader) made into its bar, with its
        /// speed over this run's bytes only; <paramref name="show"/> gets each bar, on the download's thread.
        /// </summary>
        public static Action<long, long?> FileReporter(int activity, VideoDownload item, Action<ProgressRecord> show)
        {
            var clock = Stopwatch.StartNew();
            long firstBytes = -1;
            return (bytes, total) =>
            {
                if (firstBytes < 0) firstBytes = bytes;
                double rate = clock.Elapsed.TotalSeconds > 0.2 ? (bytes - firstBytes) / clock.Elapsed.TotalSeconds : 0;
                var bar = File(activity, item, bytes, total, rate);
                if (bar != null) show(bar);
            };
        }

        /// <summary>"12.3 of 48.0 MB, 4.1 MB/s"; the speed only once there is one.</summary>
        public static string FileStatus(long bytes, long? total, double bytesPerSecond)
        {
            string status = total.HasValue ? $"{bytes / Megabyte:0.0} of {total.Value / Megabyte:0.0} MB" : $"{bytes / Megabyte:0.0} MB";
            return bytesPerSecond > 0 ? status + $", {bytesPerSecond / Megabyte:0.0} MB/s" : status;
        }

        public static ProgressRecord Done(int activity, string activityText) =>
            new ProgressRecord(activity, activityText, "Done") { RecordType = ProgressRecordType.Completed };
    }
}
