using System.Management.Automation;
using HappyHorse.Preflight;

namespace HappyHorse
{
    /// <summary>What Test-HHReferenceImage writes: one reference image (a URL or a local file) and whether the service will take it.</summary>
    public sealed class HHImageCheck
    {
        public string Url { get; internal set; } = "";

        /// <summary>The pipeline row the URL came from, counting from 1; empty for URLs given directly.</summary>
        public int? Row { get; internal set; }

        /// <summary>The column or parameter the URL came from: image_url_N, or Url.</summary>
        public string? Field { get; internal set; }

        public bool Passed { get; internal set; }

        /// <summary>PNG, JPEG or WEBP, read from the file's bytes; empty when unrecognised.</summary>
        public string? Format { get; internal set; }

        public int? Width { get; internal set; }
        public int? Height { get; internal set; }

        /// <summary>The file's size as the host reports it; empty when the host does not say.</summary>
        public long? Bytes { get; internal set; }

        /// <summary>The rules broken, e.g. "MinShortSide, MaxSize"; empty when passed.</summary>
        public string FailedRules { get; internal set; } = "";

        public ImageProblem[] Problems { get; internal set; } = new ImageProblem[0];

        /// <summary>e.g. "progressive (SOF2)", "lossless (VP8L)".</summary>
        public string? Variant { get; internal set; }

        /// <summary>The Content-Type the host sent; the format is judged by the bytes, not by this.</summary>
        public string? ContentType { get; internal set; }

        /// <summary>Where the bytes came from after redirects.</summary>
        public string? FinalUrl { get; internal set; }

        /// <summary>Bytes downloaded to check it: the first few KiB, whatever the file's size (for a local file, the header bytes read).</summary>
        public long BytesRead { get; internal set; }

        /// <summary>For a local file: its full path (a relative path is resolved against the current location); empty for a URL.</summary>
        public string? Path { get; internal set; }

        /// <summary>For a local file: the SHA-256 of its bytes, as hex; New-HHVideoJob's journal knows the file by it.</summary>
        public string? Sha256 { get; internal set; }

        /// <summary>The pipeline object (e.g. the CSV row) the URL came from.</summary>
        public PSObject? InputObject { get; internal set; }

        public override string ToString() => (Passed ? "Passed " : "Failed ") + Url;
    }
}
