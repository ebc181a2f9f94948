namespace HappyHorse.Preflight
{
    /// <summary>Why an image header could not give a format and a size.</summary>
    internal enum HeaderProblem
    {
        None,

        /// <summary>The bytes are not JPEG, PNG or WEBP (an HTML page, a GIF, nothing at all).</summary>
        Unrecognised,

        /// <summary>The signature is right but the header is broken or the file is cut short.</summary>
        Damaged,

        /// <summary>A sound file whose dimensions this reader cannot see (e.g. a JPEG height set by DNL).</summary>
        SizeUnreadable,
    }

    /// <summary>What the first bytes of a file say: its format and size, a need for more bytes, or a problem.</summary>
    internal sealed class ImageHeader
    {
        public const string Png = "PNG";
        public const string Jpeg = "JPEG";
        public const string Webp = "WEBP";

        private ImageHeader(string? format, string? variant, int width, int height, int needBytes, HeaderProblem problem, string? description)
        {
            Format = format;
            Variant = variant;
            Width = width;
            Height = height;
            NeedBytes = needBytes;
            Problem = problem;
            Description = description;
        }

        /// <summary>PNG, JPEG or WEBP by the file's signature; null when unrecognised.</summary>
        public string? Format { get; }

        /// <summary>The layout inside the format, e.g. "progressive (SOF2)" or "lossless (VP8L)".</summary>
        public string? Variant { get; }

        public int Width { get; }
        public int Height { get; }

        /// <summary>Greater than zero: the header goes on past the bytes given; read at least this many from the start and ask again.</summary>
        public int NeedBytes { get; }

        public HeaderProblem Problem { get; }

        /// <summary>For a problem: what the bytes are or what is wrong with them, as a phrase ("an HTML page").</summary>
        public string? Description { get; }

        public bool HasSize => Width > 0 && Height > 0;

        public static ImageHeader Sized(string format, string variant, int width, int height) =>
            new ImageHeader(format, variant, width, height, 0, HeaderProblem.None, null);

        public static ImageHeader More(string? format, int needBytes) =>
            new ImageHeader(format, null, 0, 0, needBytes, HeaderProblem.None, null);

        public static ImageHeader Failed(string? format, HeaderProblem problem, string description) =>
            new ImageHeader(format, null, 0, 0, 0, problem, description);

        public override string ToString() =>
            HasSize ? $"{Format} {Width}x{Height} {Variant}" : NeedBytes > 0 ? $"{Format} needs {NeedBytes} bytes" : $"{Format} {Problem}: {Description}";
    }
}
