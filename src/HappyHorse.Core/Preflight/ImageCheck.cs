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

        /// <summary>For a local file: its full path; null for a URL.</summary>
        public string? Path { get; internal set; }

        /// <summary>For a local file: the SHA-256 of its bytes (hex), when it could be read.</summary>
        public string? Sha256 { get; internal set; }

        /// <summary>For a local file: when it was last written, to notice a change before it is sent.</summary>
        public System.DateTime LastWriteTimeUtc { get; internal set; }

        /// <summary>image/jpeg, image/png or image/webp, from <see cref="Format"/>; null when unrecognised.</summary>
        public string? MediaType => Format == null ? null : "image/" + Format.ToLowerInvariant();

        /// <summary>
        /// How messages name the image: a URL with any password masked, or for a local file the text
        /// given with the path, type, size and SHA-256 prefix, never its bytes.
        /// </summary>
        public string Shown => Path == null ? DisplayUrl.Of(Url) : $"'{HappyHorse.Input.ShownValue.Of(Url)}' ({FileFacts()})";

        /// <summary>"/x/cat.png, image/png, 1,234 bytes, sha256 0123456789ab"; what is not known is left out.</summary>
        public string FileFacts()
        {
            var parts = new List<string> { Path ?? Url };
            if (MediaType != null) parts.Add(MediaType);
            if (Bytes.HasValue) parts.Add(Bytes.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes");
            if (Sha256 != null) parts.Add("sha256 " + Sha256.Substring(0, 12));
            return string.Join(", ", parts);
        }

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
            string url = Shown;
            foreach (var p in Problems) parts.Add($"{url} fails {p.Rule}: it {p.Message}");
            return string.Join(" ", parts);
        }
    }
}
