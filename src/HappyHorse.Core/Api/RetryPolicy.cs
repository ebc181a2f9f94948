using System;
using System.Threading;

namespace HappyHorse.Api
{
    /// <summary>
    /// Exponential backoff with full jitter (AWS architecture blog), so a batch that hits a rate limit
    /// spreads its retries instead of coming back as one wave; a server's Retry-After wins when given.
    /// </summary>
    internal static class RetryPolicy
    {
        private static readonly ThreadLocal<Random> Jitter = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

        public static TimeSpan Delay(int attempt, TimeSpan? retryAfter, ClientOptions options)
        {
            if (retryAfter.HasValue)
            {
                var wanted = retryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : retryAfter.Value;
                return wanted > options.MaxRetryDelay ? options.MaxRetryDelay : wanted;
            }
            double ceiling = Math.Min(options.MaxRetryDelay.TotalMilliseconds,
                options.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20)));
            return TimeSpan.FromMilliseconds(Jitter.Value!.NextDouble() * ceiling);
        }

        /// <summary>Status, result, catalog and cancel may be repeated: they change nothing that costs money.</summary>
        public static bool IsRetryableStatus(int status) => status == 408 || status == 429 || status >= 500;

        /// <summary>
        /// A submit may be repeated only when the answer proves nothing was accepted: there is no
        /// idempotency key, and a second accepted POST is a second paid job.
        /// </summary>
        public static bool IsSubmitRetryableStatus(int status) => status == 429 || status == 503;
    }
}
