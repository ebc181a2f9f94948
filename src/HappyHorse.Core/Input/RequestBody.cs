using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using HappyHorse.LocalImages;

namespace HappyHorse.Input
{
    /// <summary>The JSON body of a submit, with only the fields the row gave: the server applies its defaults.</summary>
    internal static class RequestBody
    {
        /// <summary>The body with its local images inline (see <see cref="JobBody"/>).</summary>
        public static JobBody ToJobBody(VideoJobInput input)
        {
            var images = new List<LocalImage>();
            foreach (var slot in input.Images.Keys)
                if (input.LocalImages.TryGetValue(slot, out var image)) images.Add(image);
            return JobBody.Create((options, text) => Write(input, options, text), images);
        }

        private static byte[] Write(VideoJobInput input, JsonWriterOptions options, Func<LocalImage, string> local)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, options))
            {
                json.WriteStartObject();
                json.WriteString("prompt", input.Prompt);
                foreach (var image in input.Images)
                    json.WriteString(InputSchema.ImageField(image.Key),
                        input.LocalImages.TryGetValue(image.Key, out var file) ? local(file) : image.Value.Trim());
                if (input.AspectRatio != null) json.WriteString("aspect_ratio", input.AspectRatio);
                if (input.Resolution != null) json.WriteString("resolution", input.Resolution);
                if (input.Duration.HasValue) json.WriteNumber("duration", input.Duration.Value);
                if (input.Seed.HasValue) json.WriteNumber("seed", input.Seed.Value);
                if (input.Watermark.HasValue) json.WriteBoolean("watermark", input.Watermark.Value);
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }
    }
}
