using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Preflight
{
    /// <summary>
    /// Checks many image URLs (and local files), a bounded number at once, each distinct one once: a CSV
    /// of hundreds of rows often reuses the same few character images. One instance is one batch.
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
            return _checks.GetOrAdd(key, k => new Lazy<Task<ImageCheck>>(() => RunAsync(k, ct => _probe.CheckAsync(k, ct), cancellationToken))).Value;
        }

        /// <summary>The check of a local file (no network), shared like a URL's; <paramref name="fullPath"/> is already resolved.</summary>
        public Task<ImageCheck> CheckFileAsync(string given, string fullPath, CancellationToken cancellationToken)
        {
            string key = "file\n" + fullPath + "\n" + given;
            return _checks.GetOrAdd(key, k => new Lazy<Task<ImageCheck>>(() =>
                RunAsync(k, ct => Task.Run(() => LocalImages.LocalImageReader.Check(given, fullPath, Options), ct), cancellationToken))).Value;
        }

        private async Task<ImageCheck> RunAsync(string key, Func<CancellationToken, Task<ImageCheck>> check, CancellationToken cancellationToken)
        {
            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await check(cancellationToken).ConfigureAwait(false);
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
                _checks.TryRemove(key, out _);
                throw;
            }
        }

        public void Dispose() => _slots.Dispose();
    }
}
