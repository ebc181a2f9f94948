using System;
using System.Collections.Generic;
using System.IO;
using HappyHorse.Input;
using HappyHorse.Preflight;

namespace HappyHorse.LocalImages
{
    /// <summary>
    /// Loads the local reference images of one cmdlet run, one at a time, on the caller's thread. A CSV
    /// of hundreds of rows reuses a few character images: a file already checked is hashed again only
    /// when its size or time changed.
    /// </summary>
    internal sealed class LocalImageCache
    {
        private readonly Dictionary<string, ImageCheck> _checks = new Dictionary<string, ImageCheck>(StringComparer.Ordinal);
        private readonly PreflightOptions _options;

        public LocalImageCache(PreflightOptions? options = null)
        {
            _options = options ?? new PreflightOptions();
        }

        /// <summary>
        /// The file <paramref name="given"/> names, checked; null with problems that name the field, the
        /// file (path, type, size, SHA-256 prefix) and the rule.
        /// </summary>
        /// <param name="resolve">Turns a path as typed into a full path (throws <see cref="LocalPathException"/>); file: URIs never reach it.</param>
        public LocalImage? Load(string field, string given, Func<string, string> resolve, List<InputProblem> problems)
        {
            var check = Check(given, resolve);
            if (check.Passed) return new LocalImage(field, check);
            string shown = check.Path != null ? check.Shown : $"'{ShownValue.Of(given)}'";
            foreach (var p in check.Problems)
                problems.Add(new InputProblem(field, shown, $"{field} {shown} fails {p.Rule}: it {p.Message}"));
            return null;
        }

        public ImageCheck Check(string given, Func<string, string> resolve)
        {
            string? fullPath = Resolve(given, resolve, out string? why);
            if (fullPath == null)
                return new ImageCheck(given).Fail(ImageRules.Reachable,
                    $"{why}; allowed: an absolute https:// URL, or the path of a local JPEG, PNG or WEBP file.");
            string key = fullPath + "\n" + given;
            if (_checks.TryGetValue(key, out var earlier) && Unchanged(earlier)) return earlier;
            var check = LocalImageReader.Check(given, fullPath, _options);
            if (check.Reachable) _checks[key] = check;
            else _checks.Remove(key);
            return check;
        }

        /// <summary>The full path of a local reference, or null with why not.</summary>
        public static string? Resolve(string given, Func<string, string> resolve, out string? why)
        {
            why = null;
            string text = given.Trim();
            if (LocalImageReference.IsFileUri(text)) return LocalImageReference.FileUriPath(text, out why);
            try
            {
                return resolve(text);
            }
            catch (LocalPathException e)
            {
                why = e.Message;
                return null;
            }
        }

        private static bool Unchanged(ImageCheck earlier)
        {
            try
            {
                var info = new FileInfo(earlier.Path!);
                return info.Exists && info.Length == earlier.Bytes && info.LastWriteTimeUtc == earlier.LastWriteTimeUtc;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return false;
            }
        }
    }
}
