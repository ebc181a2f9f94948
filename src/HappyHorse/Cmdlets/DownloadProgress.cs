using System;
using System.Management.Automation;
using HappyHorse.Download;

namespace HappyHorse.Cmdlets
{
    /// <summary>The progress bars of Save-HHVideo: one for the batch, one under it per file in flight.</summary>
    internal static class DownloadProgress
    {
        public const int BatchActivity = 1;
        private const double Megabyte = 1024 * 1024;

        public static ProgressRecord Batch(int saved, int skipped, int active, int waiting, int failed)
        {
            int finished = saved + skipped + failed, all = finished + active + waiting;
            return new ProgressRecord(BatchActivity, "Saving HappyHorse videos",
                $"{saved} saved, {skipped} already there, {active} downloading, {waiting} waiting for their job, {failed} failed")
            {
                PercentComplete = all == 0 ? 0 : Math.Min(100, finished * 100 / all),
            };
        }

        /// <param name="bytesPerSecond">Over this run's bytes only: a resumed file's earlier bytes are not speed.</param>
        public static ProgressRecord File(int activity, VideoDownload item, long bytes, long? total, double bytesPerSecond)
        {
            double rate = bytesPerSecond / Megabyte;
            string status = total.HasValue
                ? $"{bytes / Megabyte:0.0} of {total.Value / Megabyte:0.0} MB, {rate:0.0} MB/s"
                : $"{bytes / Megabyte:0.0} MB, {rate:0.0} MB/s";
            var record = new ProgressRecord(activity, "Saving " + item.Name, status) { ParentActivityId = BatchActivity };
            if (total is long whole && whole > 0)
            {
                record.PercentComplete = (int)Math.Min(100, bytes * 100 / whole);
                if (rate > 0) record.SecondsRemaining = (int)Math.Min(int.MaxValue, (whole - bytes) / Megabyte / rate);
            }
            return record;
        }

        public static ProgressRecord Done(int activity, string activityText) =>
            new ProgressRecord(activity, activityText, "Done") { RecordType = ProgressRecordType.Completed };
    }
}
