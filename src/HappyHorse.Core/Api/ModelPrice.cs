using System;
using System.Globalization;
using System.Text.Json;

namespace HappyHorse.Api
{
    /// <summary>A model's list price from its catalog entry, and what a job of it should cost.</summary>
    internal sealed class ModelPrice
    {
        public ModelPrice(string modelId, decimal basePriceUsd, string? unit)
        {
            ModelId = modelId;
            BasePriceUsd = basePriceUsd;
            Unit = unit;
        }

        public string ModelId { get; }
        public decimal BasePriceUsd { get; }

        /// <summary>"second" for HappyHorse (price × duration); "request" for a flat price; anything else cannot be estimated.</summary>
        public string? Unit { get; }

        public bool PerSecond => IsOneOf(Unit, "second", "seconds", "sec", "s", "per_second", "video_second");

        public bool PerRequest => IsOneOf(Unit, "request", "run", "generation", "job", "call", "image", "video");

        /// <summary>The estimated cost in USD of one job lasting <paramref name="seconds"/>, or null when the unit is not understood.</summary>
        public decimal? Estimate(int seconds) =>
            PerSecond ? BasePriceUsd * seconds : PerRequest ? BasePriceUsd : (decimal?)null;

        /// <summary>Reads base_price_usd (a number or numeric text) and price_unit; null when the entry has no price.</summary>
        public static ModelPrice? FromCatalog(string modelId, JsonElement entry)
        {
            if (!entry.TryGetProperty("base_price_usd", out var price)) return null;
            decimal value;
            if (price.ValueKind == JsonValueKind.Number && price.TryGetDecimal(out value)) { }
            else if (price.ValueKind == JsonValueKind.String && decimal.TryParse(price.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)) { }
            else return null;
            if (value < 0) return null;
            string? unit = entry.TryGetProperty("price_unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            return new ModelPrice(modelId, value, unit);
        }

        public static string Format(decimal usd) => "$" + usd.ToString("0.00##", CultureInfo.InvariantCulture);

        private static bool IsOneOf(string? unit, params string[] names)
        {
            if (unit == null) return false;
            foreach (var name in names)
                if (string.Equals(unit.Trim(), name, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}
