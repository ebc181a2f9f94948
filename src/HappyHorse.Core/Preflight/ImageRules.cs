namespace HappyHorse.Preflight
{
    /// <summary>The names of the rules a reference image must pass; they appear in messages and error ids.</summary>
    internal static class ImageRules
    {
        /// <summary>The URL answers with the file: a well-formed http(s) URL, no 404/410, no network error, no endless redirects.</summary>
        public const string Reachable = "Reachable";

        /// <summary>The file is public: no 401/403, no user name or password in the URL.</summary>
        public const string Anonymous = "Anonymous";

        /// <summary>JPEG, PNG or WEBP by the file's bytes (its name and Content-Type do not count), and not damaged.</summary>
        public const string Format = "Format";

        /// <summary>At most <see cref="PreflightOptions.ServiceMaxBytes"/> bytes.</summary>
        public const string MaxSize = "MaxSize";

        /// <summary>The shorter of width and height is at least <see cref="PreflightOptions.ServiceMinShortSide"/> pixels.</summary>
        public const string MinShortSide = "MinShortSide";
    }
}
