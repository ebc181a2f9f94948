using System;
using System.Collections.Generic;
using System.Text;

namespace HappyHorse.Download
{
    /// <summary>
    /// A file name pattern such as "{Index}-{name}": literal text and {Token} or {Token:format}
    /// placeholders; "{{" and "}}" stand for literal braces. Parsed once, expanded per video.
    /// </summary>
    internal sealed class FileNameTemplate
    {
        private readonly List<Part> _parts;

        private FileNameTemplate(string text, List<Part> parts)
        {
            Text = text;
            _parts = parts;
        }

        public string Text { get; }

        /// <summary>The token names used, in order of first use.</summary>
        public IReadOnlyList<string> Tokens
        {
            get
            {
                var names = new List<string>();
                foreach (var part in _parts)
                    if (part.IsToken && !names.Exists(n => string.Equals(n, part.Text, StringComparison.OrdinalIgnoreCase)))
                        names.Add(part.Text);
                return names;
            }
        }

        public bool Uses(string token) =>
            _parts.Exists(p => p.IsToken && string.Equals(p.Text, token, StringComparison.OrdinalIgnoreCase));

        /// <exception cref="FormatException">An unclosed or empty placeholder, or a stray '}'.</exception>
        public static FileNameTemplate Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) throw new FormatException("The file name template is empty.");
            var parts = new List<Part>();
            var literal = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
                {
                    literal.Append(c);
                    i++;
                    continue;
                }
                if (c == '}') throw new FormatException($"The file name template '{text}' has a '}}' at position {i + 1} with no '{{' before it; write '}}}}' for a literal brace.");
                if (c != '{')
                {
                    literal.Append(c);
                    continue;
                }
                int close = text.IndexOf('}', i + 1);
                if (close < 0) throw new FormatException($"The file name template '{text}' opens a '{{' at position {i + 1} that is never closed.");
                string inner = text.Substring(i + 1, close - i - 1);
                int colon = inner.IndexOf(':');
                string name = (colon >= 0 ? inner.Substring(0, colon) : inner).Trim();
                if (name.Length == 0) throw new FormatException($"The file name template '{text}' has an empty placeholder at position {i + 1}.");
                if (literal.Length > 0) { parts.Add(new Part(literal.ToString(), null, false)); literal.Clear(); }
                parts.Add(new Part(name, colon >= 0 ? inner.Substring(colon + 1) : null, true));
                i = close;
            }
            if (literal.Length > 0) parts.Add(new Part(literal.ToString(), null, false));
            return new FileNameTemplate(text, parts);
        }

        /// <summary>
        /// Fills the placeholders. <paramref name="resolve"/> gets a token name and its format and
        /// returns false for a name it does not know; those names come back in <paramref name="unknown"/>.
        /// </summary>
        public string Expand(TokenResolver resolve, out IReadOnlyList<string> unknown)
        {
            var missing = new List<string>();
            var result = new StringBuilder();
            foreach (var part in _parts)
            {
                if (!part.IsToken) result.Append(part.Text);
                else if (resolve(part.Text, part.Format, out string value)) result.Append(value);
                else if (!missing.Contains(part.Text)) missing.Add(part.Text);
            }
            unknown = missing;
            return result.ToString();
        }

        public override string ToString() => Text;

        public delegate bool TokenResolver(string name, string? format, out string value);

        private readonly struct Part
        {
            public Part(string text, string? format, bool isToken)
            {
                Text = text;
                Format = format;
                IsToken = isToken;
            }

            public string Text { get; }
            public string? Format { get; }
            public bool IsToken { get; }
        }
    }
}
