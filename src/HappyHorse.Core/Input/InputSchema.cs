using System;

namespace HappyHorse.Input
{
    /// <summary>
    /// The HappyHorse 1.0 reference-to-video input schema, as constants: the one place the client's
    /// validation, completion and help take their rules from.
    /// </summary>
    internal static class InputSchema
    {
        public const string DefaultModel = "happyhorse/happyhorse-1.0/reference-to-video";
        public const int DefaultDuration = 5;
        public const int MaxImages = 9;
        public const int MaxPromptLength = 5000;
        public const int MaxChinesePromptLength = 2500;
        public const int MinDuration = 3;
        public const int MaxDuration = 15;
        public const long MinSeed = 0;
        public const long MaxSeed = 2147483647;

        /// <summary>Every field of the input, by its API name.</summary>
        public static readonly string[] Fields =
        {
            "prompt", "image_url_1", "image_url_2", "image_url_3", "image_url_4", "image_url_5", "image_url_6", "image_url_7",
            "image_url_8", "image_url_9", "aspect_ratio", "resolution", "duration", "seed", "watermark",
        };

        public static readonly string[] AspectRatios = { "16:9", "9:16", "1:1", "4:3", "3:4" };
        public static readonly string[] Resolutions = { "720P", "1080P" };

        /// <summary>The enum values of a field, by its API name or its parameter name.</summary>
        public static string[] ChoicesFor(string field)
        {
            switch (field.Replace("_", "").ToLowerInvariant())
            {
                case "aspectratio": return AspectRatios;
                case "resolution": return Resolutions;
                default: return Array.Empty<string>();
            }
        }

        public static string ImageField(int slot) => "image_url_" + slot;
    }
}
