using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HappyHorse.Download
{
    /// <summary>
    /// "&lt;video&gt;.json" beside each saved video: which job made it, from what input, when, and from
    /// where. It is also how a later run recognises a complete file without asking the server.
    /// It never holds the token: nothing here is given one.
    /// </summary>
    internal sealed class VideoSidecar
    {
        public const string Suffix = ".json";

        private static readonly JsonWriterOptions Pretty = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public string RequestId { get; set; } = "";
        public string? Model { get; set; }
        public string? Status { get; set; }
        public string? BaseUri { get; set; }

        /// <summary>The row number in the pipeline that made the job, when known.</summary>
        public int? Index { get; set; }

        /// <summary>Which of the job's videos this is, from 1.</summary>
        public int OutputIndex { get; set; } = 1;

        /// <summary>The request body's fields by their API names (string, number or boolean values).</summary>
        public IDictionary? Input { get; set; }

        public DateTimeOffset? SubmittedAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public double? Cost { get; set; }

        // Filled in by the downloader.
        public string SourceUrl { get; set; } = "";
        public string File { get; set; } = "";
        public long Bytes { get; set; }
        public DateTimeOffset SavedAt { get; set; }

        public static string PathFor(string videoPath) => videoPath + Suffix;

        /// <summary>Writes to a temporary name, then renames: a reader never sees half a sidecar.</summary>
        public void Write(string videoPath) => AtomicFile.WriteAllBytes(PathFor(videoPath), ToUtf8());

        public byte[] ToUtf8()
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, Pretty))
            {
                w.WriteStartObject();
                w.WriteString("request_id", RequestId);
                WriteOptional(w, "model", Model);
                WriteOptional(w, "status", Status);
                w.WriteString("source_url", SourceUrl);
                w.WriteString("file", File);
                w.WriteNumber("bytes", Bytes);
                w.WriteNumber("output_index", OutputIndex);
                if (Index.HasValue) w.WriteNumber("index", Index.Value);
                WriteOptional(w, "base_uri", BaseUri);
                w.WritePropertyName("input");
                WriteInput(w, Input);
                WriteTime(w, "submitted_at", SubmittedAt);
                WriteTime(w, "created_at", CreatedAt);
                WriteTime(w, "finished_at", FinishedAt);
                WriteTime(w, "saved_at", SavedAt);
                if (Cost.HasValue) w.WriteNumber("cost", Cost.Value);
                w.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>The request id and byte count a sidecar records, or null when there is none or it is unreadable.</summary>
        public static SidecarIdentity? TryReadIdentity(string videoPath)
        {
            string path = PathFor(videoPath);
            try
            {
                if (!System.IO.File.Exists(path)) return null;
                using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                string? id = root.TryGetProperty("request_id", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                long? bytes = root.TryGetProperty("bytes", out var b) && b.ValueKind == JsonValueKind.Number && b.TryGetInt64(out long n) ? n : (long?)null;
                return new SidecarIdentity(id, bytes);
            }
            catch (Exception e) when (e is IOException || e is JsonException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
        {
            if (value != null) w.WriteString(name, value);
        }

        private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
        {
            if (value.HasValue) w.WriteString(name, value.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture));
        }

        private static void WriteInput(Utf8JsonWriter w, IDictionary? input)
        {
            if (input == null)
            {
                w.WriteNullValue();
                return;
            }
            w.WriteStartObject();
            foreach (DictionaryEntry entry in input)
            {
                string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                switch (entry.Value)
                {
                    case null: w.WriteNull(name); break;
                    case bool flag: w.WriteBoolean(name, flag); break;
                    case int i: w.WriteNumber(name, i); break;
                    case long l: w.WriteNumber(name, l); break;
                    case double d: w.WriteNumber(name, d); break;
                    case decimal m: w.WriteNumber(name, m); break;
                    default: w.WriteString(name, Convert.ToString(entry.Value, CultureInfo.InvariantCulture)); break;
                }
            }
            w.WriteEndObject();
        }
    }

    public readonly struct SidecarIdentity
    {
        public SidecarIdentity(string? requestId, long? bytes)
        {
            RequestId = requestId;
            Bytes = bytes;
        }

        public string? RequestId { get; }
        public long? Bytes { get; }
    }
}
