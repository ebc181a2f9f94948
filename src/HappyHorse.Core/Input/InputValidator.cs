using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HappyHorse.Input
{
    /// <summary>
    /// The schema's rules plus what the service needs but does not check until it has taken the
    /// money: reachable https URLs, a prompt whose characterN tags match the images.
    /// </summary>
    internal static class InputValidator
    {
        private static readonly Regex CharacterTag = new Regex(@"character(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <param name="loopbackService">
        /// The API is a local emulator: http URLs on loopback are fetchable by it (it hosts test images),
        /// though RunComfy itself only fetches public https.
        /// </param>
        public static IReadOnlyList<InputProblem> Validate(VideoJobInput input, out IReadOnlyList<string> warnings, bool loopbackService = false)
        {
            var problems = new List<InputProblem>();
            var notes = new List<string>();
            CheckPrompt(input.Prompt, problems);
            CheckImages(input.Images, problems, loopbackService);
            if (input.AspectRatio != null) CheckChoice("aspect_ratio", input.AspectRatio, InputSchema.AspectRatios, problems);
            if (input.Resolution != null) CheckChoice("resolution", input.Resolution, InputSchema.Resolutions, problems);
            if (input.Duration is int d && (d < InputSchema.MinDuration || d > InputSchema.MaxDuration))
                problems.Add(new InputProblem("duration", d.ToString(CultureInfo.InvariantCulture),
                    $"duration {d} is out of range; allowed: {InputSchema.MinDuration} to {InputSchema.MaxDuration} seconds."));
            if (input.Seed is int s && (s < InputSchema.MinSeed || s > InputSchema.MaxSeed))
                problems.Add(new InputProblem("seed", s.ToString(CultureInfo.InvariantCulture),
                    $"seed {s} is out of range; allowed: {InputSchema.MinSeed} to {InputSchema.MaxSeed}."));

            if (input.Prompt != null && input.Images.Count > 0)
                foreach (Match m in CharacterTag.Matches(input.Prompt))
                    if (int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && !input.Images.ContainsKey(n))
                        notes.Add($"The prompt names {m.Value} but image_url_{n} is not given: only {Describe(input.Images.Keys)} {(input.Images.Count == 1 ? "is" : "are")}.");

            warnings = notes;
            return problems;
        }

        private static void CheckPrompt(string? prompt, List<InputProblem> problems)
        {
            if (prompt == null || prompt.Trim().Length == 0)
            {
                problems.Add(new InputProblem("prompt", prompt, "prompt is empty; allowed: 1 to 5000 characters (2500 when Chinese)."));
                return;
            }
            int length = CountCharacters(prompt);
            bool chinese = ContainsChinese(prompt);
            int max = chinese ? InputSchema.MaxChinesePromptLength : InputSchema.MaxPromptLength;
            if (length > max)
                problems.Add(new InputProblem("prompt", Shorten(prompt),
                    $"prompt has {length} characters ('{Shorten(prompt)}'); allowed: at most {max}{(chinese ? " when it contains Chinese" : "")}."));
            string? broken = BrokenCharacter(prompt, allowLineBreaks: true);
            if (broken != null)
                problems.Add(new InputProblem("prompt", Shorten(prompt), $"prompt '{Shorten(prompt)}' contains {broken}; allowed: text, tabs and line breaks in valid Unicode."));
        }

        /// <summary>
        /// The first control character or lone surrogate, described with its position, or null. A lone
        /// surrogate cannot be encoded as UTF-8: the service would receive a garbled prompt and charge for it.
        /// </summary>
        private static string? BrokenCharacter(string text, bool allowLineBreaks)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (char.IsSurrogate(c))
                    return $"invalid Unicode (the lone surrogate {ShownValue.CodePoint(c)}) at position {i + 1}";
                if (char.IsControl(c) && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')))
                    return $"the control character {ShownValue.CodePoint(c)} at position {i + 1}";
            }
            return null;
        }

        private static void CheckImages(SortedDictionary<int, string> images, List<InputProblem> problems, bool loopbackService)
        {
            if (images.Count == 0)
            {
                problems.Add(new InputProblem("image_url_1", null,
                    "image_url_1 is missing; give 1 to 9 reference images with -ImageUrl or the CSV columns image_url_1 … image_url_9."));
                return;
            }
            foreach (var pair in images)
            {
                string field = InputSchema.ImageField(pair.Key);
                // Shown only in a problem: most rows have none, so it is not built for them.
                string shown = pair.Key < 1 || pair.Key > InputSchema.MaxImages ? ShownValue.Url(pair.Value) : "";
                if (pair.Key < 1)
                {
                    problems.Add(new InputProblem(field, shown, $"{field} '{shown}' is not an image slot; allowed: image_url_1 … image_url_{InputSchema.MaxImages} (image_url_1 is character1)."));
                    continue;
                }
                if (pair.Key > InputSchema.MaxImages)
                {
                    problems.Add(new InputProblem(field, shown, $"{field} '{shown}' is one image too many ({images.Count} were given); allowed: at most {InputSchema.MaxImages} (image_url_1 … image_url_9)."));
                    break;
                }
                string? why = loopbackService && IsLoopbackHttp(pair.Value) ? null
                    : LocalImages.LocalImageReference.IsLocal(pair.Value) ? PathProblem(pair.Value) : UrlProblem(pair.Value);
                if (why != null)
                {
                    shown = ShownValue.Url(pair.Value);
                    problems.Add(new InputProblem(field, shown, $"{field} '{shown}' {why}"));
                }
            }
            if (!images.ContainsKey(1))
                problems.Add(new InputProblem("image_url_1", null, "image_url_1 is missing: it is required (character1), the other images are optional."));
        }

        /// <summary>Why a URL cannot be fetched by the service, or null when it looks fetchable.</summary>
        public static string? UrlProblem(string url)
        {
            string trimmed = url.Trim();
            string? broken = BrokenCharacter(trimmed, allowLineBreaks: false);
            if (broken != null)
                return $"contains {broken}; allowed: an absolute https:// URL.";
            foreach (char c in trimmed)
                if (char.IsWhiteSpace(c))
                    return "contains spaces; allowed: an absolute https:// URL (encode spaces as %20).";
            if (trimmed.StartsWith("//", StringComparison.Ordinal))
                return "has no scheme; allowed: an absolute https:// URL.";
            if (IsLocalPath(trimmed))
                return "is a local file path; allowed: an absolute https:// URL the service can download (upload the image first).";
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
                return "is not an absolute URL; allowed: an absolute https:// URL.";
            if (uri.IsFile || uri.IsUnc)
                return "is a local file path; allowed: an absolute https:// URL the service can download (upload the image first).";
            if (uri.Scheme != "https")
                return $"uses {uri.Scheme}:{(trimmed.Substring(uri.Scheme.Length + 1).StartsWith("//", StringComparison.Ordinal) ? "//" : "")}; allowed: https:// only (the service fetches public HTTPS URLs).";
            if (string.IsNullOrEmpty(uri.Host))
                return "is not an absolute URL (no host); allowed: an absolute https:// URL.";
            if (!string.IsNullOrEmpty(uri.UserInfo))
                return "carries a user name or password; allowed: a public https:// URL that needs no login.";
            return null;
        }

        /// <summary>
        /// Why text meant as a local file cannot be one, or null. Only the text is judged here; the
        /// file itself is checked once the path is resolved (<see cref="LocalImages.LocalImageCache"/>).
        /// </summary>
        public static string? PathProblem(string path)
        {
            string? broken = BrokenCharacter(path.Trim(), allowLineBreaks: false);
            return broken == null ? null : $"contains {broken}; allowed: an absolute https:// URL, or the path of a local JPEG, PNG or WEBP file.";
        }

        private static bool IsLoopbackHttp(string url) =>
            Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == "http" && uri.IsLoopback;

        /// <summary>C:\x.png, \\server\share, /tmp/x.png, ./x.png, ~/x.png: this machine's files, which the service cannot reach.</summary>
        private static bool IsLocalPath(string text) =>
            text.StartsWith("\\\\", StringComparison.Ordinal)
            || (text.Length >= 2 && char.IsLetter(text[0]) && text[1] == ':' && (text.Length == 2 || text[2] == '\\' || text[2] == '/'))
            || text.StartsWith("/", StringComparison.Ordinal) || text.StartsWith(".", StringComparison.Ordinal) || text.StartsWith("~", StringComparison.Ordinal);

        public static bool ContainsChinese(string text)
        {
            foreach (char c in text)
                if ((c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF'))
                    return true;
            return false;
        }

        /// <summary>Characters as a person counts them: a surrogate pair (emoji, rare CJK) is one.</summary>
        public static int CountCharacters(string text)
        {
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                count++;
            }
            return count;
        }

        private static void CheckChoice(string field, string value, string[] allowed, List<InputProblem> problems)
        {
            if (Array.IndexOf(allowed, value) < 0)
                problems.Add(new InputProblem(field, value, $"{field} '{ShownValue.Of(value)}' is not allowed; allowed: {string.Join(", ", allowed)}."));
        }

        private static string Describe(IEnumerable<int> slots)
        {
            var names = new List<string>();
            foreach (int slot in slots) names.Add("character" + slot);
            return string.Join(", ", names);
        }

        private static string Shorten(string text) => ShownValue.Of(text);
    }
}
