using HappyHorse.Emulator.Validation;

namespace HappyHorse.Emulator;

/// <summary>One catalog entry: the schema plus what the model costs and how long it takes.</summary>
/// <param name="DefaultPriceUsd">Null: the price is <see cref="EmulatorOptions.BasePriceUsd"/>.</param>
/// <param name="Categories">What the catalog lists it under (assumed names: RunComfy publishes none).</param>
internal sealed record CatalogModel(string DisplayName, IReadOnlyList<string> Categories, ModelSchema Schema, PriceUnit Unit, decimal? DefaultPriceUsd)
{
    /// <summary>
    /// Seconds of video assumed when the model takes no duration (video-edit follows its input video,
    /// which the emulator never fetches): the generation time and a per-second cost use it.
    /// </summary>
    public const int AssumedSeconds = 5;

    public string Id => Schema.ModelId;

    public decimal PriceUsd(EmulatorOptions options) =>
        options.ModelPrices.TryGetValue(Id, out decimal price) ? price : DefaultPriceUsd ?? options.BasePriceUsd;

    /// <param name="durationSeconds">The validated duration, or null when the model has none.</param>
    public decimal CostUsd(EmulatorOptions options, int? durationSeconds) => Unit switch
    {
        PriceUnit.Second => PriceUsd(options) * (durationSeconds ?? AssumedSeconds),
        _ => PriceUsd(options),
    };

    public static int GenerationSeconds(int? durationSeconds) => durationSeconds ?? AssumedSeconds;
}
