using System.Security;

namespace HappyHorse.Session
{
    /// <summary>
    /// What Connect-HHService set, per runspace: two runspaces in one process (jobs, hosted
    /// engines, tests) must not see each other's token.
    /// </summary>
    internal sealed class SessionConnection
    {
        private static readonly RunspaceStore<SessionConnection> ByRunspace = new RunspaceStore<SessionConnection>(() => new SessionConnection());

        public SecureString? Token { get; set; }
        public string? BaseUri { get; set; }

        /// <summary>The journal cmdlets use when they get no -JournalPath (a full file-system path).</summary>
        public string? JournalPath { get; set; }

        /// <summary>Call on the pipeline thread, where DefaultRunspace is the caller's.</summary>
        public static SessionConnection? Current => ByRunspace.Current;

        /// <summary>Forgets this runspace's connection (Disconnect-HHService).</summary>
        public static void Clear() => ByRunspace.Clear();

        public static void Set(SessionConnection connection) => ByRunspace.Set(connection);
    }
}
