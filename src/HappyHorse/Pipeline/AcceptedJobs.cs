using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace HappyHorse.Pipeline
{
    /// <summary>
    /// Invoke-HHVideo's account of the jobs RunComfy accepted (paid) and of the ones that reached the
    /// user as a saved file or as an error naming them: when the batch stops early, the rest are named.
    /// </summary>
    internal sealed class AcceptedJobs
    {
        private readonly List<HHVideoJob> _accepted = new List<HHVideoJob>();
        private readonly HashSet<string> _delivered = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>For <see cref="StageChain.Observe"/>: every object and error a stage wrote.</summary>
        public void Observe(int stage, object record)
        {
            if (record is ErrorRecord error)
            {
                if (IdOf(error.TargetObject) is string failed) _delivered.Add(failed);
                return;
            }
            var item = record as PSObject;
            if ((item?.BaseObject ?? record) is HHVideoJob job) _accepted.Add(job);
            else if (item?.BaseObject is System.IO.FileInfo && item.Properties["RequestId"]?.Value is string saved) _delivered.Add(saved);
        }

        /// <summary>Accepted jobs neither saved nor reported as errors, in the order they were accepted.</summary>
        public IReadOnlyList<HHVideoJob> Undelivered() => _accepted.Where(j => !_delivered.Contains(j.RequestId)).ToList();

        private static string? IdOf(object? target) => (target is PSObject p ? p.BaseObject : target) switch
        {
            string id => id,
            HHJobResult result => result.RequestId,
            HHVideoJob job => job.RequestId,
            _ => null,
        };
    }
}
