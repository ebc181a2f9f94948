using System;
using System.Collections.Generic;

namespace HappyHorse.Session
{
    /// <summary>
    /// The request ids this session has submitted or read, newest first, with the row each came
    /// from and its last known status: tab completion of -RequestId offers them, and a result read
    /// by id alone still names its row. Per runspace, like <see cref="SessionConnection"/>: a hosted
    /// engine or thread job does not offer another's jobs. Bounded, so a long-lived session does not
    /// grow without end.
    /// </summary>
    internal sealed class SeenRequestIds
    {
        public const int Capacity = 1000;

        private static readonly RunspaceStore<SeenRequestIds> ByRunspace = new RunspaceStore<SeenRequestIds>(() => new SeenRequestIds());

        private readonly LinkedList<SeenJob> _newestFirst = new LinkedList<SeenJob>();
        private readonly Dictionary<string, LinkedListNode<SeenJob>> _nodes = new Dictionary<string, LinkedListNode<SeenJob>>(StringComparer.Ordinal);

        /// <summary>Records an id as the newest. Call on the pipeline thread, where DefaultRunspace is the caller's.</summary>
        public static void Remember(string? requestId, string? status = null) => Update(requestId, seen =>
        {
            if (status != null) seen.Status = status;
        });

        /// <summary>A job's new status, in place: following a batch does not reorder it.</summary>
        public static void SetStatus(string? requestId, string? status)
        {
            if (status == null || string.IsNullOrWhiteSpace(requestId) || !(ByRunspace.GetOrCreate() is SeenRequestIds seen)) return;
            lock (seen)
            {
                if (seen._nodes.TryGetValue(requestId!.Trim(), out var node)) node.Value.Status = status;
                else seen.Touch(requestId!.Trim()).Status = status;
            }
        }

        /// <summary>Records a job this session re-attached: its row comes with it, and what was already known of it stays.</summary>
        public static void Remember(HHVideoJob job) => Remember(job, accepted: false);

        /// <summary>
        /// Records a job the service has just accepted from this session. Its status is "submitted"
        /// whatever an earlier job under the same id left: an emulator run again with the same seed
        /// (or reset) hands out the same ids, and the entry must not show the old job's status
        /// beside the new job's row.
        /// </summary>
        public static void RememberAccepted(HHVideoJob job) => Remember(job, accepted: true);

        private static void Remember(HHVideoJob job, bool accepted) => Update(job.RequestId, seen =>
        {
            seen.Submitted = true;
            seen.Index = job.Index;
            seen.Title = job.Title;
            if (accepted || seen.Status == null) seen.Status = "submitted";
        });

        /// <summary>What this session knows of a request id, or null.</summary>
        public static SeenJob? Find(string? requestId)
        {
            if (string.IsNullOrWhiteSpace(requestId) || !(ByRunspace.Current is SeenRequestIds seen)) return null;
            lock (seen) return seen._nodes.TryGetValue(requestId!.Trim(), out var node) ? node.Value.Copy() : null;
        }

        /// <summary>This runspace's ids, newest first.</summary>
        public static IReadOnlyList<string> Recent() => RecentJobs().ConvertAll(j => j.RequestId);

        /// <summary>This runspace's jobs, newest first.</summary>
        public static List<SeenJob> RecentJobs()
        {
            if (!(ByRunspace.Current is SeenRequestIds seen)) return new List<SeenJob>();
            lock (seen)
            {
                var list = new List<SeenJob>(seen._newestFirst.Count);
                foreach (var job in seen._newestFirst) list.Add(job.Copy());
                return list;
            }
        }

        private static void Update(string? requestId, Action<SeenJob> change)
        {
            if (string.IsNullOrWhiteSpace(requestId) || !(ByRunspace.GetOrCreate() is SeenRequestIds seen)) return;
            lock (seen) change(seen.Touch(requestId!.Trim()));
        }

        private SeenJob Touch(string id)
        {
            if (_nodes.TryGetValue(id, out var node)) _newestFirst.Remove(node);
            else node = new LinkedListNode<SeenJob>(new SeenJob(id));
            _newestFirst.AddFirst(node);
            _nodes[id] = node;
            if (_newestFirst.Count > Capacity)
            {
                _nodes.Remove(_newestFirst.Last!.Value.RequestId);
                _newestFirst.RemoveLast();
            }
            return node.Value;
        }
    }

    /// <summary>One request id as this session knows it.</summary>
    internal sealed class SeenJob
    {
        public SeenJob(string requestId) => RequestId = requestId;

        public string RequestId { get; }

        /// <summary>Submitted (or re-attached) by this session, not just read by id.</summary>
        public bool Submitted { get; set; }

        public int? Index { get; set; }
        public string? Title { get; set; }

        /// <summary>The last status this session saw: submitted, in_queue, in_progress, succeeded, failed, cancelled.</summary>
        public string? Status { get; set; }

        public SeenJob Copy() => (SeenJob)MemberwiseClone();
    }
}
