using HappyHorse.Emulator.Validation;

namespace HappyHorse.Emulator;

/// <summary>The models this emulator knows. Only reference-to-video has a published schema here.</summary>
internal sealed class ModelCatalog
{
    public const string ReferenceToVideo = "happyhorse/happyhorse-1.0/reference-to-video";

    private readonly Dictionary<string, (ModelSchema Schema, string Name)> _models = new(StringComparer.Ordinal);

    public ModelCatalog()
    {
        ModelSchema schema = ModelSchema.LoadEmbedded("HappyHorse.Emulator.schema.reference-to-video.json");
        _models.Add(schema.ModelId, (schema, "HappyHorse 1.0 Reference to Video"));
    }

    public bool TryGet(string modelId, out ModelSchema schema, out string name)
    {
        bool found = _models.TryGetValue(modelId, out var entry);
        (schema, name) = found ? entry : (null!, "");
        return found;
    }
}
