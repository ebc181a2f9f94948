using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace HappyHorse.Report
{
    /// <summary>One row's card. Compact on purpose: ten thousand of them must stay well under 10 MB.</summary>
    internal static class CardHtml
    {
        /// <summary>Cards after this many start with preload="none"; the page's script raises them to "metadata" as they come near.</summary>
        public const int EagerVideos = 12;

        public static void Write(TextWriter w, ReportRow row, int position, ReportContext context)
        {
            string key = ReportStatus.Key(row.Status);
            w.Write("<article id=\"row-");
            w.Write(row.Index.HasValue ? row.Index.Value.ToString(CultureInfo.InvariantCulture) : "n" + position.ToString(CultureInfo.InvariantCulture));
            w.Write("\" data-status=\"");
            w.Write(key);
            w.Write("\"><header><span class=\"ix\">");
            w.Write(row.Index.HasValue ? "#" + row.Index.Value.ToString(CultureInfo.InvariantCulture) : "#?");
            w.Write("</span><h2>");
            // Without a title column (a saved file piped in alone) the file name, which usually carries the row's name.
            Html.Write(w, row.Title ?? (row.Files.Count > 0 ? Path.GetFileNameWithoutExtension(row.Files[0]) : null) ?? row.RequestId ?? "(no name)");
            w.Write("</h2><b>");
            Html.Write(w, ReportStatus.Label(row.Status));
            w.Write("</b></header>");
            if (!string.IsNullOrEmpty(row.Prompt))
            {
                w.Write("<p class=\"prompt\">");
                Html.Write(w, row.Prompt);
                w.Write("</p>");
            }
            WriteImages(w, row.Images, context);
            WriteVideos(w, row, position < EagerVideos, context);
            WriteFacts(w, row, context);
            if (!string.IsNullOrEmpty(row.Message))
            {
                w.Write("<p class=\"msg\">");
                Html.Write(w, row.Message);
                w.Write("</p>");
            }
            // Every attempt of a row (-RetryFailed), oldest first: what failed before the one shown above.
            if (row.EarlierAttempts.Count > 0)
            {
                w.Write("<ol class=\"attempts\">");
                foreach (string attempt in row.EarlierAttempts)
                {
                    w.Write("<li>");
                    Html.Write(w, attempt);
                    w.Write("</li>");
                }
                w.Write("</ol>");
            }
            w.Write("</article>\n");
        }

        private static void WriteImages(TextWriter w, List<string> images, ReportContext context)
        {
            if (images.Count == 0) return;
            w.Write("<div class=\"refs\">");
            for (int i = 0; i < images.Count; i++)
            {
                string? src = SafeUrl.Image(images[i], context.Folder);
                if (src == null)
                {
                    // Not a web URL nor a file here: the user still sees what was sent.
                    w.Write("<span>");
                    Html.Write(w, images[i]);
                    w.Write("</span>");
                    continue;
                }
                w.Write("<img loading=\"lazy\" src=\"");
                Html.Write(w, src);
                w.Write("\" alt=\"ref. ");
                w.Write((i + 1).ToString(CultureInfo.InvariantCulture));
                w.Write("\">");
            }
            w.Write("</div>");
        }

        private static void WriteVideos(TextWriter w, ReportRow row, bool eager, ReportContext context)
        {
            int written = 0;
            foreach (string file in row.Files)
            {
                string? link = RelativeLink.From(context.Folder, file);
                if (link == null) continue;
                Video(w, link, row.AspectRatio, eager);
                written++;
            }
            if (written > 0) return;
            foreach (string url in row.VideoUrls)
            {
                string? src = SafeUrl.Web(url);
                if (src == null) continue;
                Video(w, src, row.AspectRatio, eager);
                written++;
            }
            if (written > 0)
                w.Write("<p class=\"exp\">Not saved: this is the service's link, and it expires. Save it with Save-HHVideo.</p>");
            else if (ReportStatus.Is(row.Status, ReportStatus.Succeeded))
                w.Write("<p class=\"novideo\">No video saved or linked.</p>");
        }

        private static void Video(TextWriter w, string src, string? aspectRatio, bool eager)
        {
            w.Write(eager ? "<video controls preload=\"metadata\"" : "<video controls preload=\"none\"");
            if (!string.IsNullOrEmpty(aspectRatio))
            {
                w.Write(" data-ar=\"");
                Html.Write(w, aspectRatio);
                w.Write('"');
            }
            w.Write(" src=\"");
            Html.Write(w, src);
            w.Write("\"></video>");
        }

        private static void WriteFacts(TextWriter w, ReportRow row, ReportContext context)
        {
            var facts = new List<string>();
            if (row.AspectRatio != null) facts.Add(row.AspectRatio);
            if (row.Resolution != null) facts.Add(row.Resolution);
            if (row.Duration.HasValue) facts.Add(row.Duration.Value.ToString(CultureInfo.InvariantCulture) + " s");
            if (row.Seed.HasValue) facts.Add("seed " + row.Seed.Value.ToString(CultureInfo.InvariantCulture));
            if (row.Cost.HasValue) facts.Add(Shown.Money(row.Cost.Value));
            if (row.EstimatedCost.HasValue) facts.Add("est. " + Shown.Money(row.EstimatedCost.Value));
            Line(w, "facts", facts);

            // One line for when and which job: "03:00:01 → 03:00:41 (40 s) · request id"; the date only when it is not the batch's.
            var times = new List<string>();
            string when = "";
            if (row.SubmittedAt.HasValue) when = context.Time(row.SubmittedAt.Value);
            if (row.FinishedAt.HasValue) when += " → " + context.Time(row.FinishedAt.Value);
            if (row.GenerationTime is System.TimeSpan took) when += " (" + Shown.Span(took) + ")";
            if (when.Length > 0) times.Add(when.Trim());
            if (row.RequestId != null) times.Add(row.RequestId);
            if (row.Model != null && row.Model != context.Model) times.Add(row.Model);
            Line(w, "times", times);
        }

        private static void Line(TextWriter w, string cssClass, List<string> parts)
        {
            if (parts.Count == 0) return;
            w.Write("<p class=\"");
            w.Write(cssClass);
            w.Write("\">");
            for (int i = 0; i < parts.Count; i++)
            {
                if (i > 0) w.Write(" · ");
                Html.Write(w, parts[i]);
            }
            w.Write("</p>");
        }
    }
}
