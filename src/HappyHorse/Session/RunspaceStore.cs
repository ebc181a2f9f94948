using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace HappyHorse.Session
{
    /// <summary>
    /// One value per runspace: two runspaces in one process (thread jobs, hosted engines, tests) never
    /// see each other's state, and a runspace's value goes when the runspace does. Keyed by
    /// Runspace.DefaultRunspace, so call it on the pipeline thread, where that is the caller's.
    /// </summary>
    internal sealed class RunspaceStore<T> where T : class
    {
        private readonly ConditionalWeakTable<Runspace, T> _byRunspace = new ConditionalWeakTable<Runspace, T>();
        private readonly ConditionalWeakTable<Runspace, T>.CreateValueCallback _create;

        /// <param name="create">Makes a runspace's first value for <see cref="GetOrCreate"/>.</param>
        public RunspaceStore(Func<T> create) => _create = _ => create();

        /// <summary>This runspace's value, or null when it has none (or there is no runspace).</summary>
        public T? Current => Runspace.DefaultRunspace is Runspace rs && _byRunspace.TryGetValue(rs, out var value) ? value : null;

        /// <summary>This runspace's value, made on first use; null only off any runspace.</summary>
        public T? GetOrCreate() => Runspace.DefaultRunspace is Runspace rs ? _byRunspace.GetValue(rs, _create) : null;

        /// <summary>Replaces this runspace's value; does nothing off any runspace.</summary>
        public void Set(T value)
        {
            var rs = Runspace.DefaultRunspace;
            if (rs == null) return;
            _byRunspace.Remove(rs);
            _byRunspace.Add(rs, value);
        }

        /// <summary>Forgets this runspace's value.</summary>
        public void Clear()
        {
            if (Runspace.DefaultRunspace is Runspace rs) _byRunspace.Remove(rs);
        }
    }
}
