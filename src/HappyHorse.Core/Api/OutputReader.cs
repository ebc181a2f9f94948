using System.Collections.Generic;
using System.Text.Json;

namespace HappyHorse.Api
{
    /// <summary>
    /// Reads a result's <c>output</c> in every shape seen or plausible: an object of URLs or URL
    /// arrays (the documented one), a bare URL or array, and items that are objects with a <c>url</c>.
    /// Anything else is skipped rather than failing a job that was already paid for.
    /// </summary>
    internal static class OutputReader
    {
        public static IReadOnlyList<KeyValuePair<string, string>> Read(JsonElement root)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("output", out var output)) return list;
            switch (output.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in output.EnumerateObject()) AddAll(list, property.Name, property.Value);
                    break;
                case JsonValueKind.Array:
                    AddAll(list, "videos", output);
                    break;
                default:
                    AddAll(list, "video", output);
                    break;
            }
            return list;
        }

        private static void AddAll(List<KeyValuePair<string, string>> list, string key, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray()) AddOne(list, key, item);
            }
            else
            {
                AddOne(list, key, value);
            }
        }

        private static void AddOne(List<KeyValuePair<string, string>> list, string key, JsonElement item)
        {
            string? url = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object => JsonReply.GetString(item, "url"),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(url)) list.Add(new KeyValuePair<string, string>(key, url!));
        }
    }
}
