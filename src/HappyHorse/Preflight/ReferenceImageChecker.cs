using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Preflight
{
    /// <summary>
    /// Checks many image URLs, a bounded number at once, each distinct URL once: a CSV of hundreds of
    /// rows often reuses the same few character images. One instance is one batch.
    /// </summary>
    internal sealed class ReferenceImageChecker : IDisposable
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<ImageCheck>>> _checks =
            new ConcurrentDictionary<string, Lazy<Task<ImageCheck>>>(StringComparer.Ordinal);
        private readonly SemaphoreSlim _slots;
        private readonly ReferenceImageProbe _probe;

        public ReferenceImageChecker(PreflightOptions? options = null, HttpClient? client = null)
        {
            Options = options ?? new PreflightOptions();
            _slots = new SemaphoreSlim(Math.Max(1, Options.MaxConcurrency));
            _probe = new ReferenceImageProbe(client ?? ImageHttpClient.Client, Options);
        }

        public PreflightOptions Options { get; }

        /// <summary>Distinct URLs checked or being checked.</summary>
        public int DistinctUrls => _checks.Count;

        /// <summary>
        /// The check of <paramref name="url"/>, shared with every other caller of the same URL. The
        /// first caller's token governs it; a check that was cancelled is forgotten, so a later call starts afresh.
        /// </summary>
        public Task<ImageCheck> CheckAsync(string url, CancellationToken cancellationToken)
        {
            string key = url.Trim();
            return _checks.GetOrAdd(key, k => new Lazy<Task<ImageCheck>>(() => RunAsync(k, cancellationToken))).Value;
        }

        private async Task<ImageCheck> RunAsync(string url, CancellationToken cancellationToken)
        {
            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await _probe.CheckAsync(url, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch
            {
                // Still this task's entry: nothing replaces an entry until it is removed. Removing
                // before the task ends means a caller that saw it fail can already try again.
                _checks.TryRemove(url, out _);
                throw;
            }
        }

        public void Dispose() => _slots.Dispose();
    }
}
