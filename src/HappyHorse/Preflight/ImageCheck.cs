using System.Collections.Generic;

namespace HappyHorse.Preflight
{
    /// <summary>What checking one image URL found: the facts read from its first bytes, and the rules it broke.</summary>
    internal sealed class ImageCheck
    {
        public ImageCheck(string url)
        {
            Url = url;
        }

        public string Url { get; }

        /// <summary>Where the bytes came from after redirects; null when nothing was fetched.</summary>
        public string? FinalUrl { get; internal set; }

        /// <summary>The host answered with the file (2xx).</summary>
        public bool Reachable { get; internal set; }

        /// <summary>PNG, JPEG or WEBP by the bytes; null when unrecognised or not fetched.</summary>
        public string? Format { get; internal set; }

        /// <summary>e.g. "progressive (SOF2)", "lossless (VP8L)".</summary>
        public string? Variant { get; internal set; }

        public int? Width { get; internal set; }
        public int? Height { get; internal set; }

        /// <summary>The file's size as the host reported it; null when the host did not say.</summary>
        public long? Bytes { get; internal set; }

        /// <summary>Body bytes this check actually downloaded (a few KiB for a sound image of any size).</summary>
        public long BytesRead { get; internal set; }

        /// <summary>The Content-Type the host sent: reported, never trusted.</summary>
        public string? ContentType { get; internal set; }

        public List<ImageProblem> Problems { get; } = new List<ImageProblem>();

        public bool Passed => Problems.Count == 0;

        internal ImageCheck Fail(string rule, string message)
        {
            Problems.Add(new ImageProblem(rule, message));
            return this;
        }

        /// <summary>"url fails Rule: message" for each problem, joined; a password in the URL is masked.</summary>
        public string Describe()
        {
            var parts = new List<string>();
            string url = DisplayUrl.Of(Url);
            foreach (var p in Problems) parts.Add($"{url} fails {p.Rule}: it {p.Message}");
            return string.Join(" ", parts);
        }
    }
}
