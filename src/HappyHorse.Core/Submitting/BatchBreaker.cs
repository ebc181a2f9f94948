using System.Collections.Generic;
using System.Threading;
using HappyHorse.Api;

namespace HappyHorse.Submitting
{
    /// <summary>
    /// Stops a batch that cannot work instead of paying it out in identical errors: a refused token
    /// fails every row the same way, and so does a service that could not be reached after the retry
    /// policy before any row got through. The first such failure trips it; the rows it refused are
    /// folded into one terminating error that says what to check.
    /// </summary>
    internal sealed class BatchBreaker
    {
        private readonly object _gate = new object();
        private readonly SortedSet<int> _refused = new SortedSet<int>();
        private int _accepted;
        private RunComfyApiException? _cause;

        /// <summary>From any thread: a row was accepted, so the service is reachable.</summary>
        /// <remarks>
        /// No lock: every accepted row took it while the pipeline thread took it twice a row for
        /// <see cref="Tripped"/>, and a profile of a 5,000-row submit found the two contending.
        /// </remarks>
        public void Accepted() => Interlocked.Increment(ref _accepted);

        /// <summary>
        /// From any thread: true when <paramref name="failure"/> of <paramref name="row"/> means no row
        /// can succeed; the row is then counted here instead of being reported on its own.
        /// </summary>
        public bool Trips(int row, RunComfyApiException failure)
        {
            lock (_gate)
            {
                bool fatal = IsCredentialFailure(failure.Kind)
                    || (failure.Kind == ApiErrorKind.Network && (Volatile.Read(ref _accepted) == 0 || _cause?.Kind == ApiErrorKind.Network));
                if (!fatal) return false;
                if (_cause == null) Volatile.Write(ref _cause, failure);
                _refused.Add(row);
                return true;
            }
        }

        /// <summary>Read by the pipeline thread before every row: set once, never unset, so no lock.</summary>
        public bool Tripped => Volatile.Read(ref _cause) != null;

        /// <summary>The failure that tripped it, and the rows refused the same way (ascending).</summary>
        public RunComfyApiException? Cause(out IReadOnlyList<int> refused, out int accepted)
        {
            lock (_gate)
            {
                refused = new List<int>(_refused);
                accepted = Volatile.Read(ref _accepted);
                return _cause;
            }
        }

        /// <summary>
        /// The token was refused. A proxy that refuses its login is left to each row's own
        /// HappyHorse.Submit.ProxyAuthentication error, which names -ProxyCredential.
        /// </summary>
        public static bool IsCredentialFailure(ApiErrorKind kind) => kind == ApiErrorKind.Authentication;
    }
}
