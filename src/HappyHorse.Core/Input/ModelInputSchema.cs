using System;
using System.Collections.Generic;
using System.Text.Json;

namespace HappyHorse.Input
{
    /// <summary>The part of a catalog's JSON Schema a client can check before paying: fields, types, enums, ranges, lengths.</summary>
    internal sealed class ModelInputSchema
    {
        private ModelInputSchema(Dictionary<string, FieldRule> fields, List<string> required, bool closed)
        {
            Fields = fields;
            Required = required;
            Closed = closed;
        }

        public IReadOnlyDictionary<string, FieldRule> Fields { get; }
        public IReadOnlyList<string> Required { get; }

        /// <summary>additionalProperties is false: a field the schema does not name is refused.</summary>
        public bool Closed { get; }

        /// <summary>Reads {"properties", "required", "additionalProperties"}; null when the element is not such a schema.</summary>
        public static ModelInputSchema? Parse(JsonElement schema)
        {
            if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
                return null;
            var fields = new Dictionary<string, FieldRule>(StringComparer.Ordinal);
            foreach (var property in properties.EnumerateObject())
                fields[property.Name] = FieldRule.Parse(property.Name, property.Value);
            var required = new List<string>();
            if (schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array)
                foreach (var name in names.EnumerateArray())
                    if (name.ValueKind == JsonValueKind.String) required.Add(name.GetString()!);
            bool closed = schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False;
            return new ModelInputSchema(fields, required, closed);
        }
    }

    /// <summary>One field's rules.</summary>
    internal sealed class FieldRule
    {
        public string Name { get; private set; } = "";
        public string? Type { get; private set; }
        public string[]? Choices { get; private set; }
        public double? Minimum { get; private set; }
        public double? Maximum { get; private set; }
        public int? MinLength { get; private set; }
        public int? MaxLength { get; private set; }
        public bool IsUrl { get; private set; }

        /// <summary>A URL field the schema says is an image (its name, or contentMediaType image/*): it also takes a local file, sent inline.</summary>
        public bool IsImage { get; private set; }
        public JsonElement? Default { get; private set; }

        internal static FieldRule Parse(string name, JsonElement rule)
        {
            var field = new FieldRule { Name = name };
            if (rule.ValueKind != JsonValueKind.Object) return field;
            if (rule.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String) field.Type = type.GetString();
            if (rule.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array)
            {
                var list = new List<string>();
                foreach (var choice in choices.EnumerateArray()) list.Add(choice.ValueKind == JsonValueKind.String ? choice.GetString()! : choice.GetRawText());
                field.Choices = list.ToArray();
            }
            field.Minimum = Number(rule, "minimum");
            field.Maximum = Number(rule, "maximum");
            field.MinLength = (int?)Number(rule, "minLength");
            field.MaxLength = (int?)Number(rule, "maxLength");
            bool uriFormat = rule.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString()!.StartsWith("uri", StringComparison.OrdinalIgnoreCase);
            field.IsUrl = field.Type == "string" && (uriFormat || name.EndsWith("_url", StringComparison.Ordinal) || name.Contains("_url_"));
            bool imageMedia = rule.TryGetProperty("contentMediaType", out var media) && media.ValueKind == JsonValueKind.String && media.GetString()!.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
            field.IsImage = field.IsUrl && (imageMedia || name.IndexOf("image", StringComparison.OrdinalIgnoreCase) >= 0);
            if (rule.TryGetProperty("default", out var value)) field.Default = value.Clone();
            return field;
        }

        private static double? Number(JsonElement rule, string name) =>
            rule.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null;
    }
}
