using System.Text;
using System.Text.Json;

namespace HappyHorse.Emulator.Validation;

/// <summary>
/// Checks a submission body against the model schema plus the rules the schema cannot express
/// (https image URLs, the shorter prompt limit for Chinese). It reports every violation, not the
/// first, so a client shows the user everything to fix at once.
/// </summary>
internal static class InputValidator
{
    private const int ChinesePromptLimit = 2500;
    private const int EchoLimit = 200; // longer values are left out of detail instead of echoed back

    public sealed record Outcome(IReadOnlyList<Violation> Violations, string? CanonicalBody, int DurationSeconds);

    public static Outcome Validate(ModelSchema schema, string body)
    {
        var violations = new List<Violation>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new Outcome([new Violation("body", "is not valid JSON: " + e.Message)], null, 0);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new Outcome([new Violation("body", "must be a JSON object", Echo(root))], null, 0);

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    violations.Add(new Violation(property.Name, "appears more than once"));
                else if (!schema.Properties.TryGetValue(property.Name, out PropertyRule? rule))
                    violations.Add(new Violation(property.Name, "is not a field of " + schema.ModelId, Echo(property.Value)));
                else
                    CheckProperty(rule, property.Value, violations);
            }
            foreach (string name in schema.Required.Where(name => !seen.Contains(name)))
            {
                violations.Add(new Violation(name, "is required"));
            }

            if (violations.Count > 0) return new Outcome(violations, null, 0);
            int duration = root.TryGetProperty("duration", out JsonElement d) ? d.GetInt32() : 5;
            return new Outcome(violations, Canonical(root), duration);
        }
    }

    private static void CheckProperty(PropertyRule rule, JsonElement value, List<Violation> violations)
    {
        string? problem = rule.Type switch
        {
            "string" when value.ValueKind != JsonValueKind.String => "must be a string",
            "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _) => "must be an integer",
            "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) => "must be a boolean",
            "string" => CheckString(rule, value.GetString()!),
            "integer" => CheckInteger(rule, value.GetInt64()),
            _ => null,
        };
        if (problem is not null) violations.Add(new Violation(rule.Name, problem, Echo(value)));
    }

    private static string? CheckString(PropertyRule rule, string text)
    {
        if (rule.StringEnum is { } allowed && !allowed.Contains(text))
            return "must be one of " + string.Join(", ", allowed);
        if (rule.Name.StartsWith("image_url_", StringComparison.Ordinal))
            return CheckImageUrl(rule.Name, text);
        if (rule.Name == "prompt" && string.IsNullOrWhiteSpace(text))
            return "must not be empty";

        int length = text.EnumerateRunes().Count();
        if (rule.MaxLength is { } max && length > max)
            return $"must be at most {max} characters (found {length})";
        if (rule.Name == "prompt" && length > ChinesePromptLimit && ContainsChinese(text))
            return $"must be at most {ChinesePromptLimit} characters when it contains Chinese (found {length})";
        return null;
    }

    // The schema says "leave empty to skip" for the optional images, so "" is accepted there.
    private static string? CheckImageUrl(string name, string text)
    {
        if (text.Length == 0) return name == "image_url_1" ? "must not be empty" : null;
        return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0
            ? null
            : "must be an absolute https URL";
    }

    private static string? CheckInteger(PropertyRule rule, long number)
    {
        if (rule.IntegerEnum is { } allowed && !allowed.Contains(number))
            return $"must be between {allowed.Min()} and {allowed.Max()}";
        if (number < rule.Minimum || number > rule.Maximum)
            return $"must be between {rule.Minimum} and {rule.Maximum}";
        return null;
    }

    private static bool ContainsChinese(string text)
    {
        foreach (Rune rune in text.EnumerateRunes())
        {
            int c = rune.Value;
            if (c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FA1F))
                return true;
        }
        return false;
    }

    private static JsonElement? Echo(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Length > EchoLimit ? null : value.Clone();

    /// <summary>Fields sorted, whitespace gone: two bodies that mean the same thing compare equal.</summary>
    private static string Canonical(JsonElement root)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in root.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
