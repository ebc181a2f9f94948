using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Host;

namespace HappyHorse.Records
{
    /// <summary>
    /// The jobs a batch got accepted, so Ctrl+C without a journal still tells the user which paid
    /// jobs go on running: once the pipeline stops, the jobs written downstream are gone with it.
    /// </summary>
    internal sealed class StoppedBatchNotice
    {
        private readonly ConcurrentQueue<(int Row, string? Title, string RequestId)> _accepted = new ConcurrentQueue<(int, string?, string)>();

        /// <summary>From any thread, as soon as RunComfy accepts a row.</summary>
        public void Accepted(int row, string? title, string requestId) => _accepted.Enqueue((row, title, requestId));

        public string? Text()
        {
            var jobs = _accepted.ToArray().OrderBy(j => j.Row).ToList();
            if (jobs.Count == 0) return null;
            var listed = new List<string>();
            foreach (var job in jobs) listed.Add($"{JobLabel.Row(job.Row, job.Title)}: {job.RequestId}");
            return $"Stopped. {jobs.Count} job(s) were already accepted and go on running on RunComfy (they may be charged): " +
                   string.Join("; ", listed) + ". Collect them with Wait-HHJob -RequestId " + string.Join(",", jobs.Select(j => j.RequestId)) +
                   " (Stop-HHJob cancels those still queued).";
        }

        /// <summary>
        /// Straight to the host: after Ctrl+C the pipeline refuses every Write, and this is the
        /// only record of the jobs when there is no journal.
        /// </summary>
        public void Warn(PSHost? host)
        {
            string? text = Text();
            if (text == null || host?.UI == null) return;
            try { host.UI.WriteWarningLine(text); }
            catch (System.Exception ex) when (ex is System.NotImplementedException || ex is System.Management.Automation.Host.HostException || ex is System.InvalidOperationException) { }
        }
    }
}
