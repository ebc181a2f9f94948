using System;

namespace HappyHorse.Download
{
    /// <summary>Why a download stopped, and whether trying again (resuming) can help.</summary>
    internal enum DownloadFailure
    {
        /// <summary>The host answered with an HTTP error status.</summary>
        Http,

        /// <summary>The connection failed, stalled or closed early.</summary>
        Network,

        /// <summary>The answer was not the video (an HTML page, a wrong byte range).</summary>
        InvalidResponse,

        /// <summary>A different file already sits under the final name.</summary>
        Conflict,

        /// <summary>Writing to the local disk failed.</summary>
        Disk,
    }

    internal sealed class DownloadException : Exception
    {
        public DownloadException(DownloadFailure kind, string message, bool retryable, int? httpStatus = null, TimeSpan? retryAfter = null, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            Retryable = retryable;
            HttpStatus = httpStatus;
            RetryAfter = retryAfter;
        }

        public DownloadFailure Kind { get; }
        public bool Retryable { get; }
        public int? HttpStatus { get; }
        public TimeSpan? RetryAfter { get; }
    }
}
