using System;
using System.Collections.Concurrent;

namespace HappyHorse.Journal
{
    /// <summary>
    /// Test seam: I/O failures injected into one journal (by full path), because a full disk or a
    /// failing device cannot be made on demand. Nothing in the module sets it.
    /// </summary>
    internal static class JournalFaults
    {
        public const string Release = "release";

        /// <summary>Per journal path: given an event name about to be written (or <see cref="Release"/>), the exception to fail with, or null.</summary>
        internal static readonly ConcurrentDictionary<string, Func<string, Exception?>> ByPath =
            new ConcurrentDictionary<string, Func<string, Exception?>>(StringComparer.Ordinal);

        public static Exception? For(string path, string operation) =>
            !ByPath.IsEmpty && ByPath.TryGetValue(path, out var fault) ? fault(operation) : null;
    }
}
