using System;
using System.Collections;
using System.Globalization;

namespace HappyHorse.Report
{
    /// <summary>What a card shows of the request body: prompt, reference images, format, seed.</summary>
    internal static class InputFacts
    {
        /// <summary>Fields of <paramref name="input"/> (API names; values as BodyFields reads them) fill what the row lacks.</summary>
        public static void Apply(ReportRow row, IDictionary? input)
        {
            if (input == null) return;
            var images = new System.Collections.Generic.List<string>();
            foreach (DictionaryEntry field in input)
            {
                string name = Convert.ToString(field.Key, CultureInfo.InvariantCulture) ?? "";
                switch (name.ToLowerInvariant())
                {
                    case "prompt": row.Prompt ??= Text(field.Value); break;
                    case "aspect_ratio": row.AspectRatio ??= Text(field.Value); break;
                    case "resolution": row.Resolution ??= Text(field.Value); break;
                    case "duration": row.Duration ??= Whole(field.Value); break;
                    case "seed": row.Seed ??= Whole(field.Value); break;
                    default:
                        // image_url_1..9 here; image_url or images[] for the sibling models.
                        if (name.StartsWith("image", StringComparison.OrdinalIgnoreCase)) AddImages(images, field.Value);
                        break;
                }
            }
            if (row.Images.Count == 0) row.Images.AddRange(images);
        }

        /// <summary>The value of a field or column named <paramref name="name"/>, as text.</summary>
        public static string? Find(IDictionary? input, string name)
        {
            if (input == null) return null;
            foreach (DictionaryEntry field in input)
                if (string.Equals(Convert.ToString(field.Key, CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase))
                    return Text(field.Value);
            return null;
        }

        private static void AddImages(System.Collections.Generic.List<string> into, object? value)
        {
            if (value is string s) { if (!string.IsNullOrWhiteSpace(s)) into.Add(s); }
            else if (value is IEnumerable many) foreach (var item in many) if (item is string one && !string.IsNullOrWhiteSpace(one)) into.Add(one);
        }

        private static string? Text(object? value)
        {
            string? text = value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        private static long? Whole(object? value)
        {
            switch (value)
            {
                case long l: return l;
                case int i: return i;
                case double d when d == Math.Floor(d) && Math.Abs(d) < 1e15: return (long)d;
                case string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n): return n;
                default: return null;
            }
        }
    }
}
