using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;

namespace HappyHorse.Session
{
    /// <summary>
    /// What Connect-HHService set, per runspace: two runspaces in one process (jobs, hosted
    /// engines, tests) must not see each other's token.
    /// </summary>
    internal sealed class SessionConnection
    {
        private static readonly ConditionalWeakTable<Runspace, SessionConnection> ByRunspace = new ConditionalWeakTable<Runspace, SessionConnection>();

        public SecureString? Token { get; set; }
        public string? BaseUri { get; set; }

        /// <summary>The journal cmdlets use when they get no -JournalPath (a full file-system path).</summary>
        public string? JournalPath { get; set; }

        /// <summary>Call on the pipeline thread, where DefaultRunspace is the caller's.</summary>
        public static SessionConnection? Current =>
            Runspace.DefaultRunspace is Runspace rs && ByRunspace.TryGetValue(rs, out var c) ? c : null;

        /// <summary>Forgets this runspace's connection (Disconnect-HHService).</summary>
        public static void Clear()
        {
            if (Runspace.DefaultRunspace is Runspace rs) ByRunspace.Remove(rs);
        }

        public static void Set(SessionConnection connection)
        {
            var rs = Runspace.DefaultRunspace;
            if (rs == null) return;
            ByRunspace.Remove(rs);
            ByRunspace.Add(rs, connection);
        }
    }
}
