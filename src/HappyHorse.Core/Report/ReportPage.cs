using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace HappyHorse.Report
{
    /// <summary>
    /// The whole page: one file, its style and script inline, nothing fetched but the videos and
    /// images themselves. Its Content-Security-Policy allows only this script and style (by hash),
    /// so even text that escaped escaping could not run.
    /// </summary>
    internal static class ReportPage
    {
        private static readonly string Policy =
            "default-src 'none'; img-src 'self' file: http: https:; media-src 'self' file: http: https:; " +
            "style-src " + Hash(PageStyle.Css) + "; script-src " + Hash(PageScript.Js) + "; form-action 'none'; base-uri 'none'";

        public static void Write(TextWriter w, IReadOnlyList<ReportRow> rows, string folder, ReportOptions options)
        {
            var summary = ReportSummary.Of(rows);
            w.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
            w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"");
            Html.Write(w, Policy);
            w.Write("\"><meta name=\"generator\" content=\"HappyHorse\"><title>");
            Html.Write(w, options.Title + " (" + rows.Count.ToString(CultureInfo.InvariantCulture) + " rows)");
            w.Write("</title><style>");
            w.Write(PageStyle.Css);
            w.Write("</style></head>\n<body>\n");
            SummaryHtml.Write(w, summary, options);
            WriteFilters(w, rows);
            w.Write("<main id=\"cards\">\n");
            var context = new ReportContext(folder, summary.Model, summary.FirstSubmit);
            for (int i = 0; i < rows.Count; i++) CardHtml.Write(w, rows[i], i, context);
            w.Write("</main>\n<p id=\"f-none\" hidden>No row matches the filter.</p>\n<script>");
            w.Write(PageScript.Js);
            w.Write("</script>\n</body></html>\n");
        }

        /// <summary>Hidden until the script shows it: without scripts there is nothing to filter with, and every card shows.</summary>
        private static void WriteFilters(TextWriter w, IReadOnlyList<ReportRow> rows)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var order = new List<string>(ReportStatus.Known);
            foreach (var row in rows)
            {
                string key = ReportStatus.Key(row.Status);
                counts[key] = counts.TryGetValue(key, out int n) ? n + 1 : 1;
                if (!order.Contains(key)) order.Add(key);
            }
            w.Write("<form id=\"filters\" class=\"filters\" role=\"search\" hidden><label>Status <select id=\"f-status\"><option value=\"\">all</option>");
            foreach (string key in order)
            {
                if (!counts.TryGetValue(key, out int n)) continue;
                w.Write("<option value=\"");
                Html.Write(w, key);
                w.Write("\">");
                Html.Write(w, ReportStatus.Label(key) + " (" + n.ToString(CultureInfo.InvariantCulture) + ")");
                w.Write("</option>");
            }
            w.Write("</select></label><label>Search <input id=\"f-text\" type=\"search\" placeholder=\"prompt or name\"></label><output id=\"f-count\"></output></form>\n");
        }

        private static string Hash(string text)
        {
            using var sha = SHA256.Create();
            return "'sha256-" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text))) + "'";
        }
    }
}
