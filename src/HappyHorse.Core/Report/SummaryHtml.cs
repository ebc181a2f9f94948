using System.Globalization;
using System.IO;

namespace HappyHorse.Report
{
    /// <summary>The top of the page: counts (each a link that filters), cost, the batch's span and the histogram.</summary>
    internal static class SummaryHtml
    {
        public static void Write(TextWriter w, ReportSummary s, ReportOptions options)
        {
            w.Write("<header class=\"top\"><h1>");
            Html.Write(w, options.Title);
            w.Write("</h1><p class=\"sub\">Written ");
            Html.Write(w, Shown.Time(options.WrittenAt));
            if (!string.IsNullOrEmpty(options.Source))
            {
                w.Write(" from ");
                Html.Write(w, options.Source);
            }
            if (s.Model != null)
            {
                w.Write(" · model ");
                Html.Write(w, s.Model);
            }
            w.Write("</p><ul class=\"counts\">");
            Count(w, "Rows", s.Rows, "");
            Count(w, "Succeeded", s.Succeeded, ReportStatus.Succeeded);
            Count(w, "Failed", s.Failed, ReportStatus.Failed);
            Count(w, "Cancelled", s.Cancelled, ReportStatus.Cancelled);
            Count(w, "Not submitted", s.NotSubmitted, ReportStatus.NotSubmitted);
            if (s.Other > 0) Count(w, "Unfinished or unknown", s.Other, null);
            w.Write("</ul>");

            w.Write("<p class=\"line\" id=\"cost\">Cost: ");
            w.Write(s.RowsWithCost > 0 ? Shown.Money(s.ActualCost) + " actual (" + Of(s.RowsWithCost, s.Rows) + ")" : "actual not reported (use Wait-HHJob -IncludeCost)");
            w.Write(" · ");
            w.Write(s.RowsWithEstimate > 0 ? Shown.Money(s.EstimatedCost) + " estimated (" + Of(s.RowsWithEstimate, s.Rows) + ")" : "estimate unknown (no catalog price read in this session)");
            w.Write("</p>");

            if (s.FirstSubmit.HasValue)
            {
                w.Write("<p class=\"line\" id=\"span\">First submit ");
                w.Write(Shown.Time(s.FirstSubmit.Value));
                if (s.LastFinish.HasValue && s.LastFinish >= s.FirstSubmit)
                {
                    w.Write(" → last finish ");
                    w.Write(Shown.Time(s.LastFinish.Value));
                    w.Write(" (");
                    w.Write(Shown.Span(s.LastFinish.Value - s.FirstSubmit.Value));
                    w.Write(")");
                }
                w.Write("</p>");
            }
            if (s.GenerationSeconds.Count > 0)
            {
                w.Write("<figure>");
                HistogramSvg.Write(w, s.GenerationSeconds);
                w.Write("<figcaption>Generation time, submit to finish, of ");
                w.Write(s.GenerationSeconds.Count.ToString(CultureInfo.InvariantCulture));
                w.Write(" job(s)</figcaption></figure>");
            }
            w.Write("</header>\n");
        }

        private static string Of(int some, int all) => some == all ? "all rows" : some.ToString(CultureInfo.InvariantCulture) + " of " + all.ToString(CultureInfo.InvariantCulture) + " rows";

        private static void Count(TextWriter w, string label, int count, string? status)
        {
            w.Write("<li>");
            if (status != null)
            {
                w.Write("<a href=\"#status=");
                w.Write(status);
                w.Write("\">");
            }
            w.Write("<b>");
            w.Write(count.ToString(CultureInfo.InvariantCulture));
            w.Write("</b>");
            w.Write(label);
            w.Write(status != null ? "</a></li>" : "</li>");
        }
    }
}
