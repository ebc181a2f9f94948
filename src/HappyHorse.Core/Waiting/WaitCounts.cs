using System.Collections.Generic;

namespace HappyHorse.Waiting
{
    /// <summary>Where the batch stands, for one progress bar.</summary>
    public readonly struct WaitCounts
    {
        public WaitCounts(int total, int queued, int running, int succeeded, int failed, IReadOnlyDictionary<string, int>? other = null)
        {
            Total = total;
            Queued = queued;
            Running = running;
            Succeeded = succeeded;
            Failed = failed;
            Other = other ?? Empty;
        }

        private static readonly IReadOnlyDictionary<string, int> Empty = new Dictionary<string, int>();

        public int Total { get; }
        public int Queued { get; }
        public int Running { get; }
        public int Succeeded { get; }
        public int Failed { get; }

        /// <summary>Unfinished jobs whose last status is a word the module does not know, by word.</summary>
        public IReadOnlyDictionary<string, int> Other { get; }

        public int Finished => Succeeded + Failed;
        public int Pending => Total - Finished;
    }
}
