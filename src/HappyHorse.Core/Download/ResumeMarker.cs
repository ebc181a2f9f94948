using System;
using System.IO;
using System.Text.Json;

namespace HappyHorse.Download
{
    /// <summary>
    /// "&lt;video&gt;.part.json" beside a partial download: which job and URL the bytes in ".part" came
    /// from. A later run resumes only the same output of the same job, so a re-submitted batch that
    /// reuses a file name never splices two different videos together. Deleted on completion.
    /// </summary>
    internal sealed class ResumeMarker
    {
        public const string PartSuffix = ".part";
        public const string Suffix = ".part.json";

        public ResumeMarker(string videoPath, string requestId, string source, string? entityTag)
        {
            FilePath = videoPath + Suffix;
            RequestId = requestId;
            Source = source;
            EntityTag = entityTag;
        }

        public string FilePath { get; }

        public string RequestId { get; }

        /// <summary>Scheme, host and path of the URL: signed query strings change between fetches of the same file.</summary>
        public string Source { get; }

        /// <summary>A strong ETag the server gave, sent back in If-Range so a changed file is fetched whole.</summary>
        public string? EntityTag { get; set; }

        public static string SourceKey(Uri uri) => uri.GetLeftPart(UriPartial.Path);

        public bool Matches(ResumeMarker other) =>
            string.Equals(RequestId, other.RequestId, StringComparison.Ordinal) && string.Equals(Source, other.Source, StringComparison.Ordinal);

        public void Write()
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("request_id", RequestId);
                w.WriteString("source", Source);
                if (EntityTag != null) w.WriteString("etag", EntityTag);
                w.WriteEndObject();
            }
            AtomicFile.WriteAllBytes(FilePath, buffer.ToArray());
        }

        public static ResumeMarker? TryRead(string videoPath)
        {
            try
            {
                string path = videoPath + Suffix;
                if (!File.Exists(path)) return null;
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = doc.RootElement;
                string? id = Text(root, "request_id"), source = Text(root, "source");
                return id == null || source == null ? null : new ResumeMarker(videoPath, id, source, Text(root, "etag"));
            }
            catch (Exception e) when (e is IOException || e is JsonException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
