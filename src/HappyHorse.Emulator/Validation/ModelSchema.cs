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

    // A schema the validator cannot enforce fails at startup rather than letting bad input through.
    private static ModelSchema Parse(JsonElement root)
    {
        string modelId = root.GetProperty("model_id").GetString()!;
        JsonElement input = root.GetProperty("input");
        var required = input.TryGetProperty("required", out JsonElement r)
            ? r.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var properties = new Dictionary<string, PropertyRule>(StringComparer.Ordinal);
        foreach (JsonProperty property in input.GetProperty("properties").EnumerateObject())
        {
            properties.Add(property.Name, PropertyRule.Parse(property.Name, property.Value, required.Contains(property.Name), modelId));
        }
        if (required.FirstOrDefault(name => !properties.ContainsKey(name)) is { } missing)
            throw new InvalidOperationException($"Schema of {modelId} requires '{missing}', which it does not define.");
        return new ModelSchema(modelId, input.GetRawText(), root.GetProperty("output").GetRawText(), properties, required.ToArray());
    }
}
