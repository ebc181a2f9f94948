using System;
using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Journal;

namespace HappyHorse.Cmdlets
{
    /// <summary>
    /// The journals a cmdlet records into while it follows jobs from several runs: one open handle
    /// per path (a job names its own journal, else the cmdlet's), all released together.
    /// </summary>
    internal sealed class JournalSet
    {
        private readonly Dictionary<string, JournalAccess> _open = new Dictionary<string, JournalAccess>(StringComparer.Ordinal);

        /// <summary>The journal at <paramref name="path"/>, opened on first use; null when there is no path.</summary>
        public JobJournal? For(PSCmdlet cmdlet, string? path)
        {
            if (path == null) return null;
            if (!_open.TryGetValue(path, out var access)) _open[path] = access = new JournalAccess();
            return access.Open(cmdlet, path);
        }

        public void ReleaseAll()
        {
            foreach (var access in _open.Values) access.Release();
            _open.Clear();
        }
    }
}
