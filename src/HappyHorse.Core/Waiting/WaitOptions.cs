using System;

namespace HappyHorse.Waiting
{
    internal sealed class WaitOptions
    {
        /// <summary>How often a job near the front of the queue, or running, is asked about.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>The slowest a job deep in the queue is polled.</summary>
        public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The slowest a queued job is polled once the queue's pace is known (its turn is predictable then).</summary>
        public TimeSpan MaxQueuedPollInterval { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Status/result requests in flight at once, whatever the number of jobs.</summary>
        public int MaxConcurrentRequests { get; set; } = 16;

        /// <summary>
        /// Unreadable answers in a row (redirects, HTML, over-sized or malformed JSON) after which a
        /// job is given up: a server that answers like that ten times is not going to get better.
        /// </summary>
        public int MaxInvalidAnswers { get; set; } = 10;

        public bool IncludeCost { get; set; }
    }
}
