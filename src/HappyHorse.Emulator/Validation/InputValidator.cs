using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HappyHorse.Emulator.Validation;

/// <summary>
/// Checks a submission body against the model's schema (required, types, enums, bounds, lengths; unknown
/// fields are refused whatever the schema says) plus the rules a schema cannot express: URLs must be
/// absolute https, a required string must not be blank while an optional one may be "" to skip it, and
/// a prompt holding Chinese has a shorter limit; an image field may instead carry the image inline as a
/// data: URI, judged like a fetched image (see <see cref="DataImage"/>). It reports every violation, not
/// the first, so a client shows the user everything to fix at once.
/// </summary>
internal static class InputValidator
{
    private const int ChinesePromptLimit = 2500;
    private const int EchoLimit = 200; // longer values are left out of detail instead of echoed back

    /// <param name="DurationSeconds">The video length asked for (or the schema's default); null when the model has no duration.</param>
    /// <param name="RecordedBody">The body as the emulator keeps it: as sent, but inline images abbreviated to their type and SHA-256.</param>
    public sealed record Outcome(IReadOnlyList<Violation> Violations, string? CanonicalBody, int? DurationSeconds, string? RecordedBody = null);

    /// <param name="acceptDataImages">Image fields may carry data: URIs (RunComfy's own ComfyUI node sends them).</param>
    public static Outcome Validate(ModelSchema schema, string body, bool acceptDataImages = true)
    {
        var violations = new List<Violation>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new Outcome([new Violation("body", "is not valid JSON: " + e.Message)], null, null);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new Outcome([new Violation("body", "must be a JSON object", Echo(root))], null, null);

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    violations.Add(new Violation(property.Name, "appears more than once"));
                else if (!schema.Properties.TryGetValue(property.Name, out PropertyRule? rule))
                    violations.Add(new Violation(property.Name, "is not a field of " + schema.ModelId, Echo(property.Value)));
                else
                    CheckProperty(rule, property.Value, violations, acceptDataImages);
            }
            foreach (string name in schema.Required.Where(name => !seen.Contains(name)))
            {
                violations.Add(new Violation(name, "is required"));
            }

            if (violations.Count > 0) return new Outcome(violations, null, null);
            if (!acceptDataImages || !root.EnumerateObject().Any(p => IsInlineImage(schema, p)))
                return new Outcome(violations, Canonical(root, null), Duration(schema, root), body);
            var shortForms = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
                if (IsInlineImage(schema, property) && DataImage.Abbreviate(property.Value.GetString()!) is { } shortForm) shortForms[property.Name] = shortForm;
            return new Outcome(violations, Canonical(root, shortForms), Duration(schema, root), Write(root.EnumerateObject(), shortForms, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        }
    }

    private static void CheckProperty(PropertyRule rule, JsonElement value, List<Violation> violations, bool acceptDataImages)
    {
        if (acceptDataImages && rule.IsImage && value.ValueKind == JsonValueKind.String && DataImage.IsDataUri(value.GetString()!))
        {
            if (DataImage.Check(value.GetString()!, out _) is { } why) violations.Add(new Violation(rule.Name, why));
            return;
        }
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
        if (rule.IsRequired && string.IsNullOrWhiteSpace(text))
            return "must not be empty";
        if (text.Length == 0)
            return null; // the reference schema says "leave empty to skip" for its optional images
        if (rule.IsUrl)
            return IsHttpsUrl(text) || IsLoopbackHttpUrl(text) ? null : "must be an absolute https URL";

        int length = text.EnumerateRunes().Count();
        if (rule.MinLength is { } min && length < min)
            return $"must be at least {min} characters (found {length})";
        if (rule.MaxLength is { } max && length > max)
            return $"must be at most {max} characters (found {length})";
        if (rule.Name == "prompt" && length > ChinesePromptLimit && ContainsChinese(text))
            return $"must be at most {ChinesePromptLimit} characters when it contains Chinese (found {length})";
        return null;
    }

    private static bool IsHttpsUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;

    // The emulator hosts test images itself (/images on loopback http): it may fetch those, as RunComfy fetches public https.
    private static bool IsLoopbackHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    private static int? Duration(ModelSchema schema, JsonElement root)
    {
        if (!schema.Properties.TryGetValue("duration", out PropertyRule? rule)) return null;
        return root.TryGetProperty("duration", out JsonElement given) ? given.GetInt32() : (int?)rule.IntegerDefault;
    }

    private static string? CheckInteger(PropertyRule rule, long number)
    {
        if (rule.IntegerEnum is { } allowed && !allowed.Contains(number))
            return $"must be between {allowed.Min()} and {allowed.Max()}";
        return (rule.Minimum, rule.Maximum) switch
        {
            ({ } min, { } max) when number < min || number > max => $"must be between {min} and {max}",
            ({ } min, null) when number < min => $"must be at least {min}",
            (null, { } max) when number > max => $"must be at most {max}",
            _ => null,
        };
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
    private static string Canonical(JsonElement root, Dictionary<string, string>? shortForms) =>
        Write(root.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal), shortForms, null);

    /// <param name="shortForms">Values written in place of the fields' own: inline images as their type and SHA-256.</param>
    private static string Write(IEnumerable<JsonProperty> properties, Dictionary<string, string>? shortForms, JavaScriptEncoder? encoder)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in properties)
            {
                if (shortForms != null && shortForms.TryGetValue(property.Name, out string? shortForm))
                    writer.WriteString(property.Name, shortForm);
                else
                    property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsInlineImage(ModelSchema schema, JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String && schema.Properties.TryGetValue(property.Name, out PropertyRule? rule)
        && rule.IsImage && DataImage.IsDataUri(property.Value.GetString()!);
}
