using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace HappyHorse.Report
{
    /// <summary>A small inline SVG histogram of generation times: no script, no external file, readable in any browser.</summary>
    internal static class HistogramSvg
    {
        private const int Width = 360, Height = 96, Bottom = 80, MaxBins = 12;

        public static void Write(TextWriter w, IReadOnlyList<double> seconds)
        {
            if (seconds.Count == 0) return;
            double min = double.MaxValue, max = double.MinValue;
            foreach (double s in seconds) { min = Math.Min(min, s); max = Math.Max(max, s); }
            int bins = max > min ? Math.Min(MaxBins, Math.Max(1, (int)Math.Ceiling(Math.Sqrt(seconds.Count)))) : 1;
            double width = max > min ? (max - min) / bins : 1;
            var counts = new int[bins];
            foreach (double s in seconds) counts[Math.Min(bins - 1, (int)((s - min) / width))]++;
            int highest = 0;
            foreach (int c in counts) highest = Math.Max(highest, c);

            double barWidth = (double)Width / bins;
            w.Write($"<svg class=\"hist\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" aria-label=\"Generation times of {seconds.Count} jobs\">");
            for (int i = 0; i < bins; i++)
            {
                double h = highest == 0 ? 0 : Math.Max(1, (Bottom - 4) * counts[i] / (double)highest);
                string from = Shown.Span(TimeSpan.FromSeconds(min + i * width)), to = Shown.Span(TimeSpan.FromSeconds(min + (i + 1) * width));
                w.Write(string.Format(CultureInfo.InvariantCulture, "<rect x=\"{0:0.#}\" y=\"{1:0.#}\" width=\"{2:0.#}\" height=\"{3:0.#}\"><title>{4} job(s): {5} to {6}</title></rect>",
                    i * barWidth + 1, Bottom - h, Math.Max(1, barWidth - 2), h, counts[i], from, bins == 1 ? from : to));
            }
            w.Write($"<line x1=\"0\" y1=\"{Bottom}\" x2=\"{Width}\" y2=\"{Bottom}\"></line>");
            w.Write($"<text x=\"0\" y=\"{Height - 2}\">{Shown.Span(TimeSpan.FromSeconds(min))}</text>");
            if (max > min) w.Write($"<text x=\"{Width}\" y=\"{Height - 2}\" text-anchor=\"end\">{Shown.Span(TimeSpan.FromSeconds(max))}</text>");
            w.Write("</svg>");
        }
    }
}
