using System;

namespace HappyHorse.Download
{
    internal sealed class DownloadOutcome
    {
        public DownloadOutcome(string path, long bytes, bool skipped, long resumedFrom, int requests, TimeSpan elapsed)
        {
            Path = path;
            Bytes = bytes;
            Skipped = skipped;
            ResumedFrom = resumedFrom;
            Requests = requests;
            Elapsed = elapsed;
        }

        public string Path { get; }
        public long Bytes { get; }

        /// <summary>The complete file was already there; nothing was downloaded.</summary>
        public bool Skipped { get; }

        /// <summary>Bytes a partial file from an earlier run already held, kept rather than fetched again.</summary>
        public long ResumedFrom { get; }

        /// <summary>HTTP GETs made, retries and resumes included.</summary>
        public int Requests { get; }

        public TimeSpan Elapsed { get; }
    }
}
