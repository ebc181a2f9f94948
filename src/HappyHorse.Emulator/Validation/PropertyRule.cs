using System.Text.Json;

namespace HappyHorse.Emulator.Validation;

/// <summary>The draft-07 keywords of one input field that the emulator enforces.</summary>
internal sealed record PropertyRule(
    string Name,
    string Type,
    bool IsRequired,
    bool IsUrl,
    IReadOnlySet<string>? StringEnum,
    IReadOnlySet<long>? IntegerEnum,
    long? Minimum,
    long? Maximum,
    int? MinLength,
    int? MaxLength,
    long? IntegerDefault)
{
    /// <summary>A URL field that holds an image (its name says so): it may also carry the image inline as a data: URI.</summary>
    public bool IsImage => IsUrl && Name.Contains("image", StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> SupportedTypes = new(StringComparer.Ordinal) { "string", "integer", "boolean" };

    public static PropertyRule Parse(string name, JsonElement schema, bool isRequired, string modelId)
    {
        string type = schema.GetProperty("type").GetString()!;
        if (!SupportedTypes.Contains(type))
            throw new InvalidOperationException($"Schema of {modelId}: field '{name}' has type '{type}', which the emulator cannot validate.");
        HashSet<string>? strings = null;
        HashSet<long>? integers = null;
        if (schema.TryGetProperty("enum", out JsonElement values))
        {
            if (type == "integer") integers = values.EnumerateArray().Select(v => v.GetInt64()).ToHashSet();
            else strings = values.EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
        }
        return new PropertyRule(
            name,
            type,
            isRequired,
            type == "string" && IsUrlField(name, schema),
            strings,
            integers,
            schema.TryGetProperty("minimum", out JsonElement min) ? min.GetInt64() : null,
            schema.TryGetProperty("maximum", out JsonElement max) ? max.GetInt64() : null,
            schema.TryGetProperty("minLength", out JsonElement minLength) ? minLength.GetInt32() : null,
            schema.TryGetProperty("maxLength", out JsonElement maxLength) ? maxLength.GetInt32() : null,
            type == "integer" && schema.TryGetProperty("default", out JsonElement d) ? d.GetInt64() : null);
    }

    // The published reference-to-video schema marks its image URLs by name only (image_url_1..9),
    // so a name ending in _url or holding _url_ counts as much as "format": "uri".
    private static bool IsUrlField(string name, JsonElement schema) =>
        (schema.TryGetProperty("format", out JsonElement format) && format.GetString() == "uri")
        || name.EndsWith("_url", StringComparison.Ordinal)
        || name.Contains("_url_", StringComparison.Ordinal);
}
