using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HappyHorse.Input
{
    /// <summary>The JSON body of a submit, with only the fields the row gave: the server applies its defaults.</summary>
    internal static class RequestBody
    {
        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly JsonWriterOptions Pretty = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

        public static byte[] ToUtf8(VideoJobInput input) => Write(input, Compact);

        public static string ToIndentedText(VideoJobInput input) => Encoding.UTF8.GetString(Write(input, Pretty));

        private static byte[] Write(VideoJobInput input, JsonWriterOptions options)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, options))
            {
                json.WriteStartObject();
                json.WriteString("prompt", input.Prompt);
                foreach (var image in input.Images) json.WriteString(InputSchema.ImageField(image.Key), image.Value.Trim());
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
