using HappyHorse.Emulator.Validation;

namespace HappyHorse.Emulator;

/// <summary>
/// The models this emulator knows. Only reference-to-video's schema is published; the siblings' are
/// assumed (see their assets), and so are their prices.
/// </summary>
internal sealed class ModelCatalog
{
    public const string ReferenceToVideo = "happyhorse/happyhorse-1.0/reference-to-video";
    public const string TextToVideo = "happyhorse/happyhorse-1.0/text-to-video";
    public const string ImageToVideo = "happyhorse/happyhorse-1.0/image-to-video";
    public const string VideoEdit = "happyhorse/happyhorse-1.0/video-edit";

    public static readonly IReadOnlyList<string> Ids = [ReferenceToVideo, TextToVideo, ImageToVideo, VideoEdit];

    private readonly Dictionary<string, CatalogModel> _models = new(StringComparer.Ordinal);

    public ModelCatalog()
    {
        Add("reference-to-video", "HappyHorse 1.0 Reference to Video", "reference-to-video", PriceUnit.Second, null);
        Add("text-to-video", "HappyHorse 1.0 Text to Video", "text-to-video", PriceUnit.Second, 0.10m);
        Add("image-to-video", "HappyHorse 1.0 Image to Video", "image-to-video", PriceUnit.Second, 0.10m);
        Add("video-edit", "HappyHorse 1.0 Video Edit", "video-to-video", PriceUnit.Request, 0.50m); // flat, so clients meet a unit that is not "second"
    }

    /// <summary>Every model, in <see cref="Ids"/> order.</summary>
    public IEnumerable<CatalogModel> All => Ids.Select(id => _models[id]);

    public bool TryGet(string modelId, out CatalogModel model) => _models.TryGetValue(modelId, out model!);

    private void Add(string asset, string displayName, string category, PriceUnit unit, decimal? defaultPriceUsd)
    {
        ModelSchema schema = ModelSchema.LoadEmbedded($"HappyHorse.Emulator.schema.{asset}.json");
        if (!Ids.Contains(schema.ModelId)) throw new InvalidOperationException($"Asset {asset} describes unexpected model {schema.ModelId}.");
        _models.Add(schema.ModelId, new CatalogModel(displayName, [category], schema, unit, defaultPriceUsd));
    }
}
