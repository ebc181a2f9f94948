using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using HappyHorse.Download;
using HappyHorse.Input;

namespace HappyHorse.Report
{
    /// <summary>Reads the "&lt;video&gt;.json" Save-HHVideo writes beside each video: which job, input, times, source.</summary>
    internal static class SidecarFacts
    {
        /// <summary>A row for the video at <paramref name="videoPath"/>; from its sidecar when there is a readable one.</summary>
        public static ReportRow ForVideo(string videoPath, string? titleField = null)
        {
            var row = new ReportRow();
            row.Files.Add(Path.GetFullPath(videoPath));
            try
            {
                string path = VideoSidecar.PathFor(videoPath);
                if (!File.Exists(path)) return row;
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return row;
                row.RequestId = Text(root, "request_id");
                row.Model = Text(root, "model");
                row.Status = Text(root, "status") ?? ReportStatus.Succeeded;
                if (root.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out int i)) row.Index = i;
                if (root.TryGetProperty("cost", out var cost) && cost.ValueKind == JsonValueKind.Number) row.Cost = cost.GetDouble();
                row.SubmittedAt = Time(root, "submitted_at");
                row.CreatedAt = Time(root, "created_at");
                row.FinishedAt = Time(root, "finished_at");
                string? source = Text(root, "source_url");
                if (source != null) row.VideoUrls.Add(source);
                if (root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object)
                {
                    var fields = BodyFields.Read(input.GetRawText());
                    InputFacts.Apply(row, fields);
                    if (titleField != null) row.Title = InputFacts.Find(fields, titleField);
                }
            }
            catch (Exception e) when (e is IOException || e is JsonException || e is UnauthorizedAccessException)
            {
                // An unreadable sidecar leaves a card with the video and nothing else; the video is what matters.
            }
            return row;
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(v.GetString()) ? v.GetString() : null;

        private static DateTimeOffset? Time(JsonElement root, string name) =>
            Text(root, name) is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : (DateTimeOffset?)null;
    }
}
