using System;
using System.Collections.Specialized;
using System.Text.Json;

namespace HappyHorse.Input
{
    /// <summary>A request body's fields as PowerShell-friendly values: whole numbers as long, others as double, arrays as object[].</summary>
    internal static class BodyFields
    {
        public static OrderedDictionary Read(string json)
        {
            var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return result;
            foreach (var property in doc.RootElement.EnumerateObject()) result[property.Name] = Value(property.Value);
            return result;
        }

        /// <summary>One whole-number field of a body without building the dictionary, or null.</summary>
        public static long? ReadWhole(string json, string field)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(field, out var v)
                && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n) ? n : (long?)null;
        }

        private static object? Value(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Number: return value.TryGetInt64(out long whole) ? whole : (object)value.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.Null: return null;
                case JsonValueKind.Array:
                    var items = new object?[value.GetArrayLength()];
                    int i = 0;
                    foreach (var item in value.EnumerateArray()) items[i++] = Value(item);
                    return items;
                default: return value.GetRawText();
            }
        }
    }
}
