using System.Collections.Generic;

namespace HappyHorse.Input
{
    /// <summary>One row's input, as given: null means "not given" and is left out of the request.</summary>
    internal sealed class VideoJobInput
    {
        public string? Prompt { get; set; }

        /// <summary>Image URLs or local paths, as given, by slot (1 to 9): slot N is "characterN" in the prompt.</summary>
        public SortedDictionary<int, string> Images { get; } = new SortedDictionary<int, string>();

        /// <summary>The slots whose image is a checked local file, sent inline instead of the text given.</summary>
        public Dictionary<int, LocalImages.LocalImage> LocalImages { get; } = new Dictionary<int, LocalImages.LocalImage>();

        public string? AspectRatio { get; set; }
        public string? Resolution { get; set; }
        public int? Duration { get; set; }
        public int? Seed { get; set; }
        public bool? Watermark { get; set; }

        /// <summary>Duration the server will use: the given one or the schema default.</summary>
        public int EffectiveDuration => Duration ?? InputSchema.DefaultDuration;
    }
}
