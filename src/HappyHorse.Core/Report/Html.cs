using System.IO;

namespace HappyHorse.Report
{
    /// <summary>
    /// Every text the report did not write itself (CSV cells, prompts, server messages, file names)
    /// goes through here: one escape for text and attribute values alike, so no cell can open a tag
    /// or leave a quoted attribute.
    /// </summary>
    internal static class Html
    {
        public static void Write(TextWriter w, string? text)
        {
            if (string.IsNullOrEmpty(text)) return;
            int start = 0;
            for (int i = 0; i < text!.Length; i++)
            {
                string? entity = Entity(text[i]);
                if (entity == null) continue;
                if (i > start) w.Write(text.Substring(start, i - start));
                w.Write(entity);
                start = i + 1;
            }
            if (start == 0) w.Write(text);
            else if (start < text.Length) w.Write(text.Substring(start));
        }

        public static string Escape(string? text)
        {
            using var w = new StringWriter();
            Write(w, text);
            return w.ToString();
        }

        private static string? Entity(char c)
        {
            switch (c)
            {
                case '&': return "&amp;";
                case '<': return "&lt;";
                case '>': return "&gt;";
                case '"': return "&quot;";
                case '\'': return "&#39;";
                case '`': return "&#96;";
                case '\0': return "\uFFFD";
                default: return c < ' ' && c != '\n' && c != '\t' && c != '\r' ? "\uFFFD" : null;
            }
        }
    }
}
