using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HappyHorse.Journal
{
    /// <summary>One record per line of JSON; reading is forgiving because a power cut can tear the last line.</summary>
    internal static class JournalCodec
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static byte[] Encode(JournalRecord r)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, Options))
            {
                json.WriteStartObject();
                json.WriteString("time", r.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                json.WriteString("event", r.Event);
                Write(json, "row_key", r.RowKey);
                if (r.Occurrence.HasValue) json.WriteNumber("occurrence", r.Occurrence.Value);
                if (r.Index.HasValue) json.WriteNumber("index", r.Index.Value);
                Write(json, "request_id", r.RequestId);
                Write(json, "model", r.Model);
                Write(json, "base_uri", r.BaseUri);
                if (r.InputJson != null)
                {
                    json.WritePropertyName("input");
                    using var input = JsonDocument.Parse(r.InputJson);
                    input.RootElement.WriteTo(json);
                }
                if (r.Row != null)
                {
                    json.WriteStartObject("row");
                    foreach (var cell in r.Row) Write(json, cell.Key, cell.Value, always: true);
                    json.WriteEndObject();
                }
                Write(json, "status", r.Status);
                Write(json, "message", r.Message);
                Write(json, "video_url", r.VideoUrl);
                if (r.Cost.HasValue) json.WriteNumber("cost", r.Cost.Value);
                Write(json, "file", r.File);
                json.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
            return buffer.ToArray();
        }

        /// <summary>The record on this line, or null when the line is not a whole record.</summary>
        public static JournalRecord? Decode(string line)
        {
            if (string.IsNullOrWhiteSpace(line)) return null;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                string? evt = Text(root, "event");
                if (string.IsNullOrEmpty(evt)) return null;
                var record = new JournalRecord
                {
                    Event = evt!,
                    RowKey = Text(root, "row_key"),
                    Occurrence = Int(root, "occurrence"),
                    Index = Int(root, "index"),
                    RequestId = Text(root, "request_id"),
                    Model = Text(root, "model"),
                    BaseUri = Text(root, "base_uri"),
                    Status = Text(root, "status"),
                    Message = Text(root, "message"),
                    VideoUrl = Text(root, "video_url"),
                    File = Text(root, "file"),
                };
                if (DateTimeOffset.TryParse(Text(root, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) record.Time = time;
                if (root.TryGetProperty("cost", out var cost) && cost.ValueKind == JsonValueKind.Number) record.Cost = cost.GetDouble();
                if (root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object) record.InputJson = input.GetRawText();
                if (root.TryGetProperty("row", out var row) && row.ValueKind == JsonValueKind.Object)
                {
                    var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var cell in row.EnumerateObject())
                        cells[cell.Name] = cell.Value.ValueKind == JsonValueKind.String ? cell.Value.GetString() : cell.Value.ValueKind == JsonValueKind.Null ? null : cell.Value.GetRawText();
                    record.Row = cells;
                }
                return record;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static void Write(Utf8JsonWriter json, string name, string? value, bool always = false)
        {
            if (value != null) json.WriteString(name, value);
            else if (always) json.WriteNull(name);
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static int? Int(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : (int?)null;
    }
}
