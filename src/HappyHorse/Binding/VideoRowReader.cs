using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using HappyHorse.Input;

namespace HappyHorse.Binding
{
    /// <summary>
    /// Turns one pipeline row into a <see cref="VideoJobInput"/>, reading each field from the row's
    /// own cells (see <see cref="RowCells"/>), so CSV strings parse the way the schema wants.
    /// </summary>
    internal static class VideoRowReader
    {
        private static readonly Regex ImageSlotColumn = new Regex(@"^image_?url_?(\d{1,6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static VideoJobInput Read(RowCells cells, PSObject? row, Action<InputProblem> problem) =>
            Read(cells, row, cells.View(row), problem);

        /// <summary>As above, with <paramref name="properties"/> the row's <see cref="RowCells.View"/>, taken for this row just before.</summary>
        public static VideoJobInput Read(RowCells cells, PSObject? row, IEnumerable<PSPropertyInfo> properties, Action<InputProblem> problem)
        {
            object? prompt = cells.Get("Prompt", row);
            var input = new VideoJobInput
            {
                Prompt = prompt?.ToString(),
                AspectRatio = CellParser.Choice("aspect_ratio", cells.Get("AspectRatio", row), InputSchema.AspectRatios, problem),
                Resolution = CellParser.Choice("resolution", cells.Get("Resolution", row), InputSchema.Resolutions, problem),
                Duration = CellParser.Integer("duration", cells.Get("Duration", row), InputSchema.MinDuration, InputSchema.MaxDuration, problem),
                Seed = CellParser.Integer("seed", cells.Get("Seed", row), InputSchema.MinSeed, InputSchema.MaxSeed, problem),
            };
            // false is the server's default: only an explicit true is sent, so "false" and an empty cell agree.
            if (CellParser.Boolean("watermark", cells.Get("Watermark", row), problem) == true) input.Watermark = true;

            for (int i = 0; i < VideoRowColumns.ImageParameters.Length; i++)
            {
                object? cell = cells.Get(VideoRowColumns.ImageParameters[i], row);
                if (!CellParser.IsEmpty(cell)) input.Images[i + 1] = cell!.ToString()!;
            }
            AddSlotsBeyondTheSchema(properties, input);
            var list = ImageList(cells.Get("ImageUrl", row));
            if (list.Count > 0)
            {
                if (input.Images.Count > 0)
                    problem(new InputProblem("image_url_1", null, "-ImageUrl and image_url_N columns were both given; use one or the other."));
                input.Images.Clear();
                for (int i = 0; i < list.Count; i++) input.Images[i + 1] = list[i];
            }
            return input;
        }

        /// <summary>
        /// An image_url_10 (or image_url_0) column binds to no parameter; dropped silently it would turn
        /// a ten-image row into a paid nine-image job. The validator names it instead.
        /// </summary>
        private static void AddSlotsBeyondTheSchema(IEnumerable<PSPropertyInfo> properties, VideoJobInput input)
        {
            foreach (var property in properties)
            {
                // Cheap tests first: the regex runs only on names that could be a slot beyond the schema.
                if (property.Name.IndexOf("url", StringComparison.OrdinalIgnoreCase) < 0 || InSchema(property.Name)) continue;
                var match = ImageSlotColumn.Match(property.Name);
                if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int slot)) continue;
                if (slot >= 1 && slot <= InputSchema.MaxImages) continue;
                object? value;
                try { value = property.Value; }
                catch (GetValueException) { continue; }
                if (value is PSObject p) value = p.BaseObject;
                if (!CellParser.IsEmpty(value)) input.Images[slot] = value!.ToString()!;
            }
        }

        /// <summary>True when the name ends in a number of a slot the schema has (image_url_1..9): bound by its parameter, not this.</summary>
        private static bool InSchema(string name)
        {
            int value = 0, digits = 0;
            for (int i = name.Length - 1; i >= 0 && digits < 9 && name[i] >= '0' && name[i] <= '9'; i--, digits++)
                value += (name[i] - '0') * Pow10(digits);
            return digits > 0 && value >= 1 && value <= InputSchema.MaxImages;
        }

        private static int Pow10(int n)
        {
            int p = 1;
            while (n-- > 0) p *= 10;
            return p;
        }

        private static List<string> ImageList(object? value)
        {
            var list = new List<string>();
            if (value is System.Collections.IEnumerable many && !(value is string))
            {
                foreach (var item in many)
                {
                    object? v = item is PSObject p ? p.BaseObject : item;
                    if (!CellParser.IsEmpty(v)) list.Add(v!.ToString()!);
                }
            }
            else if (!CellParser.IsEmpty(value)) list.Add(value!.ToString()!);
            return list;
        }
    }
}
