using System;
using System.Text;

namespace HappyHorse.Input
{
    /// <summary>
    /// A bad value as an error message shows it: short, control characters and broken Unicode spelled
    /// out (a CSV cell must not drive the console or break a log's encoder), a URL's password masked.
    /// </summary>
    internal static class ShownValue
    {
        public const int MaxLength = 80;

        public static string Of(object? value)
        {
            string text = value?.ToString() ?? "";
            var shown = new StringBuilder();
            int i = 0;
            for (; i < text.Length && shown.Length <= MaxLength; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    shown.Append(c).Append(text[++i]);
                else if (char.IsControl(c) || char.IsSurrogate(c))
                    shown.Append("\\u").Append(((int)c).ToString("X4"));
                else
                    shown.Append(c);
            }
            if (i == text.Length && shown.Length <= MaxLength) return shown.ToString();
            int cut = MaxLength - 3;
            if (char.IsHighSurrogate(shown[cut - 1])) cut--;
            return shown.ToString(0, cut) + "...";
        }

        /// <summary>A URL with any user name and password replaced by ****.</summary>
        public static string Url(string url)
        {
            string trimmed = url.Trim();
            int scheme = trimmed.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0)
            {
                int hostStart = scheme + 3;
                int pathStart = trimmed.IndexOfAny(new[] { '/', '?', '#' }, hostStart);
                int at = trimmed.LastIndexOf('@', pathStart < 0 ? trimmed.Length - 1 : pathStart - 1);
                if (at >= hostStart) trimmed = trimmed.Substring(0, hostStart) + "****" + trimmed.Substring(at);
            }
            return Of(trimmed);
        }

        /// <summary>"U+0007": how a message names one character.</summary>
        public static string CodePoint(char c) => "U+" + ((int)c).ToString("X4");
    }
}
