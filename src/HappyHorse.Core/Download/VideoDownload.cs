using System;

namespace HappyHorse.Download
{
    /// <summary>One output file to fetch: where from, where to, and the record that goes beside it.</summary>
    internal sealed class VideoDownload
    {
        public VideoDownload(Uri source, string path, VideoSidecar sidecar)
        {
            Source = source ?? throw new ArgumentNullException(nameof(source));
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Sidecar = sidecar ?? throw new ArgumentNullException(nameof(sidecar));
        }

        public Uri Source { get; }

        /// <summary>The final, full path; bytes arrive in Path + ".part" first.</summary>
        public string Path { get; }

        public string PartPath => Path + ResumeMarker.PartSuffix;

        public VideoSidecar Sidecar { get; }

        /// <summary>Download again even if a complete file is already there, and never resume an old .part.</summary>
        public bool Force { get; set; }

        /// <summary>For messages: the file name alone.</summary>
        public string Name => System.IO.Path.GetFileName(Path);
    }
}
