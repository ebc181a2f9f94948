using System.Reflection;
using System.Text.Json;

namespace HappyHorse.Emulator.Validation;

/// <summary>
/// A model's input/output schema, read from the embedded JSON so the schema file stays the one source
/// of truth for field names, types, enums and bounds.
/// </summary>
internal sealed class ModelSchema
{
    private ModelSchema(string modelId, string inputJson, string outputJson, IReadOnlyDictionary<string, PropertyRule> properties, IReadOnlyList<string> required)
    {
        ModelId = modelId;
        InputJson = inputJson;
        OutputJson = outputJson;
        Properties = properties;
        Required = required;
    }

    public string ModelId { get; }
    public string InputJson { get; }
    public string OutputJson { get; }
    public IReadOnlyDictionary<string, PropertyRule> Properties { get; }
    public IReadOnlyList<string> Required { get; }

    public static ModelSchema LoadEmbedded(string resourceName)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing.");
        using JsonDocument document = JsonDocument.Parse(stream);
        return Parse(document.RootElement);
    }

    private static ModelSchema Parse(JsonElement root)
    {
        JsonElement input = root.GetProperty("input");
        var properties = new Dictionary<string, PropertyRule>(StringComparer.Ordinal);
        foreach (JsonProperty property in input.GetProperty("properties").EnumerateObject())
        {
            properties.Add(property.Name, PropertyRule.Parse(property.Name, property.Value));
        }
        var required = input.TryGetProperty("required", out JsonElement r)
            ? r.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [];
        return new ModelSchema(root.GetProperty("model_id").GetString()!, input.GetRawText(), root.GetProperty("output").GetRawText(), properties, required);
    }
}

internal sealed record PropertyRule(
    string Name,
    string Type,
    IReadOnlySet<string>? StringEnum,
    IReadOnlySet<long>? IntegerEnum,
    long? Minimum,
    long? Maximum,
    int? MaxLength)
{
    public static PropertyRule Parse(string name, JsonElement schema)
    {
        string type = schema.GetProperty("type").GetString()!;
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
            strings,
            integers,
            schema.TryGetProperty("minimum", out JsonElement min) ? min.GetInt64() : null,
            schema.TryGetProperty("maximum", out JsonElement max) ? max.GetInt64() : null,
            schema.TryGetProperty("maxLength", out JsonElement len) ? len.GetInt32() : null);
    }
}
