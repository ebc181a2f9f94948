using System;

namespace HappyHorse.Api
{
    /// <summary>Knobs of the HTTP core; defaults suit an unattended batch.</summary>
    internal sealed class ClientOptions
    {
        /// <summary>Time allowed for one HTTP request, from send to the last byte of the answer.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Attempts in all (first try included) for a request that may be retried.</summary>
        public int MaxAttempts { get; set; } = 6;

        public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Answers larger than this are refused: an API reply is a few hundred bytes.</summary>
        public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

        /// <summary>The proxy to send through; null means the system proxy.</summary>
        public ProxySettings? Proxy { get; set; }

        public static ClientOptions Default { get; } = new ClientOptions();
    }
}
