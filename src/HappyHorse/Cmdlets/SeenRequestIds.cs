using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace HappyHorse.Cmdlets
{
    /// <summary>
    /// The request ids this session has submitted or read, newest first, for tab completion of
    /// -RequestId. Per runspace, like <see cref="SessionConnection"/>: a hosted engine or thread job
    /// does not offer another's jobs. Bounded, so a long-lived session does not grow without end.
    /// </summary>
    internal sealed class SeenRequestIds
    {
        public const int Capacity = 1000;

        private static readonly ConditionalWeakTable<Runspace, SeenRequestIds> ByRunspace = new ConditionalWeakTable<Runspace, SeenRequestIds>();

        private readonly LinkedList<string> _newestFirst = new LinkedList<string>();
        private readonly Dictionary<string, LinkedListNode<string>> _nodes = new Dictionary<string, LinkedListNode<string>>(StringComparer.Ordinal);

        /// <summary>Records an id as the newest. Call on the pipeline thread, where DefaultRunspace is the caller's.</summary>
        public static void Remember(string? requestId)
        {
            if (string.IsNullOrWhiteSpace(requestId) || !(Runspace.DefaultRunspace is Runspace rs)) return;
            var seen = ByRunspace.GetValue(rs, _ => new SeenRequestIds());
            lock (seen) seen.Add(requestId!.Trim());
        }

        /// <summary>This runspace's ids, newest first.</summary>
        public static IReadOnlyList<string> Recent()
        {
            if (!(Runspace.DefaultRunspace is Runspace rs) || !ByRunspace.TryGetValue(rs, out var seen)) return Array.Empty<string>();
            lock (seen) return new List<string>(seen._newestFirst);
        }

        private void Add(string id)
        {
            if (_nodes.TryGetValue(id, out var node)) _newestFirst.Remove(node);
            _nodes[id] = _newestFirst.AddFirst(id);
            if (_newestFirst.Count > Capacity)
            {
                _nodes.Remove(_newestFirst.Last!.Value);
                _newestFirst.RemoveLast();
            }
        }
    }
}
