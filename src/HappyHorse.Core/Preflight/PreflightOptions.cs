using System;

namespace HappyHorse.Preflight
{
    /// <summary>Limits of the reference-image check; the defaults are the service's rules and a batch's needs.</summary>
    internal sealed class PreflightOptions
    {
        /// <summary>The service's "10 MB", read as 10 × 1024 × 1024 = 10,485,760 bytes.</summary>
        public const long ServiceMaxBytes = 10L * 1024 * 1024;

        public const int ServiceMinShortSide = 400;

        /// <summary>The service recommends 720p or more; mentioned in messages, not enforced.</summary>
        public const int RecommendedShortSide = 720;

        /// <summary>Bytes asked for per range request; most headers sit in the first few hundred.</summary>
        public int ChunkBytes { get; set; } = 64 * 1024;

        /// <summary>Bytes read at most to find a header (a JPEG can put big EXIF/XMP before its size).</summary>
        public int MaxHeaderBytes { get; set; } = 1024 * 1024;

        public long MaxBytes { get; set; } = ServiceMaxBytes;

        public int MinShortSide { get; set; } = ServiceMinShortSide;

        /// <summary>URLs checked at once.</summary>
        public int MaxConcurrency { get; set; } = 8;

        public int MaxRedirects { get; set; } = 5;

        /// <summary>Time allowed for each HTTP request (each redirect, range and HEAD), from sending it to the last byte read.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    }
}
