using System;
using System.Management.Automation;
using HappyHorse.Download;

namespace HappyHorse.Records
{
    /// <summary>
    /// Save-HHVideo's count of its batch (videos whose job is awaited, downloading, saved, already
    /// there, failed) and what it says of each download's start and end: the bars and the lines.
    /// On the pipeline thread only.
    /// </summary>
    internal sealed class SaveTally
    {
        private int _nextActivity = DownloadProgress.BatchActivity;
        private int _active, _waiting, _saved, _skipped, _failed;

        /// <summary>Input has ended: the batch's size is known, so its bar may show a percentage.</summary>
        public bool InputEnded { get; set; }

        public void JobAwaited() => _waiting++;

        public void JobEnded() => _waiting--;

        /// <summary>A download starts: the activity id of its own bar.</summary>
        public int Started()
        {
            _active++;
            return ++_nextActivity;
        }

        /// <summary>A download saved its file (or found it there): the verbose line to write, null for a file already there.</summary>
        public string? Saved(DownloadOutcome outcome)
        {
            _active--;
            if (outcome.Skipped)
            {
                _skipped++;
                return null;
            }
            _saved++;
            double seconds = Math.Max(outcome.Elapsed.TotalSeconds, 0.001);
            return $"Saved {outcome.Path}: {outcome.Bytes:N0} bytes in {seconds:0.00} s ({(outcome.Bytes - outcome.ResumedFrom) / seconds / 1048576:0.0} MB/s)" +
                   (outcome.ResumedFrom > 0 ? $", resumed from byte {outcome.ResumedFrom:N0}" : "") +
                   (outcome.Requests > 1 ? $", {outcome.Requests} requests" : "") + ".";
        }

        /// <summary>A download ended without a file; <paramref name="failed"/> false when Ctrl+C stopped it.</summary>
        public void Ended(bool failed)
        {
            _active--;
            if (failed) _failed++;
        }

        /// <summary>The batch's bar.</summary>
        public ProgressRecord Bar() => DownloadProgress.Batch(_saved, _skipped, _active, _waiting, _failed, InputEnded);

        /// <summary>A download's own bar, closed.</summary>
        public static ProgressRecord Closed(int activity, VideoDownload item) => DownloadProgress.Done(activity, "Saving " + item.Name);
    }
}
