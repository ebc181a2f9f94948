using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HappyHorse.Api;
using HappyHorse.LocalImages;
using HappyHorse.Preflight;

namespace HappyHorse.Input
{
    /// <summary>
    /// One submit's body in its three forms. Without local images they are the same JSON. With them:
    /// the wire form streams each file as data:&lt;type&gt;;base64 (never held in memory); the key form
    /// names each file by type and SHA-256 (the row's identity for the journal); the shown form names
    /// it by path, type, size and hash prefix (for -WhatIf, journals, jobs and sidecars).
    /// </summary>
    internal sealed class JobBody
    {
        /// <summary>The most a submit body may weigh: 64 MiB, the limit RunComfy's own ComfyUI node works to.</summary>
        public const long MaxBytes = 64L * 1024 * 1024;

        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly JsonWriterOptions Pretty = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

        private readonly Func<string> _indent;
        private string? _shownIndented;

        private JobBody(byte[] key, string shown, Func<string> indent, IReadOnlyList<LocalImage> images, RequestContent content)
        {
            Key = key;
            Shown = shown;
            _indent = indent;
            Images = images;
            Content = content;
        }

        /// <summary>UTF-8 JSON the row key hashes; equal to the wire bytes when no image is inline.</summary>
        public byte[] Key { get; }

        /// <summary>Compact JSON as the journal and the job's Input show it.</summary>
        public string Shown { get; }

        /// <summary>Indented JSON for -WhatIf and -Confirm, written the first time one of them asks.</summary>
        public string ShownIndented
        {
            get
            {
                if (_shownIndented == null)
                {
                    PerRowWork.CountIndentedBody();
                    _shownIndented = _indent();
                }
                return _shownIndented;
            }
        }

        /// <summary>The images sent inline, in body order.</summary>
        public IReadOnlyList<LocalImage> Images { get; }

        public RequestContent Content { get; }

        /// <summary>Bytes on the wire.</summary>
        public long Length => Content.Length;

        /// <summary>A body with no inline images.</summary>
        public static JobBody Plain(byte[] compact, Func<string> indent) =>
            new JobBody(compact, Encoding.UTF8.GetString(compact), indent, Array.Empty<LocalImage>(), RequestContent.Json(compact));

        /// <summary>
        /// Builds the forms by writing the body up to four times (the indented one only when shown); <paramref name="write"/> writes a local
        /// image's value as the text the given function makes of it.
        /// </summary>
        public static JobBody Create(Func<JsonWriterOptions, Func<LocalImage, string>, byte[]> write, IReadOnlyList<LocalImage> images)
        {
            if (images.Count == 0)
            {
                byte[] plain = write(Compact, ShownText);
                return Plain(plain, () => Encoding.UTF8.GetString(write(Pretty, ShownText)));
            }
            // A random token per body marks where each file goes; no value a row gives can collide with it.
            string stem = "hh-inline-" + Guid.NewGuid().ToString("N") + "-";
            var tokens = new Dictionary<LocalImage, string>();
            for (int i = 0; i < images.Count; i++) tokens[images[i]] = stem + i.ToString(CultureInfo.InvariantCulture);
            byte[] wire = write(Compact, image => tokens[image]);
            var content = new InlineImageContent(Split(wire, images, tokens));
            return new JobBody(write(Compact, image => image.KeyText), Encoding.UTF8.GetString(write(Compact, ShownText)),
                () => Encoding.UTF8.GetString(write(Pretty, ShownText)), images, content);
        }

        /// <summary>
        /// Null when the body fits; else why not and which images to shrink or host, largest first.
        /// The length is counted, not encoded: nothing is read to find it.
        /// </summary>
        public InputProblem? LimitProblem()
        {
            if (Length <= MaxBytes) return null;
            var largest = Images.OrderByDescending(i => i.Bytes).ToList();
            var named = largest.Select(i => $"{i.Field} '{ShownValue.Of(i.Given)}' ({i.Facts}) takes {ReferenceImageProbe.Size(i.EncodedLength)}");
            string field = largest.Count > 0 ? largest[0].Field : "body";
            return new InputProblem(field, null,
                $"the request body would be {ReferenceImageProbe.Size(Length)} ({Length.ToString("N0", CultureInfo.InvariantCulture)} bytes) with {Images.Count} inline image(s), base64 making each a third larger; " +
                $"allowed: at most {ReferenceImageProbe.Size(MaxBytes)} ({MaxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes), the limit RunComfy's own ComfyUI node works to. " +
                $"Shrink these images or host them at https URLs, {ReferenceImageProbe.Size(Length - MaxBytes)} at least: " + string.Join("; ", named) + ".");
        }

        private static string ShownText(LocalImage image) => image.ShownText;

        private static List<InlineImageContent.Segment> Split(byte[] wire, IReadOnlyList<LocalImage> images, Dictionary<LocalImage, string> tokens)
        {
            var places = new List<(int At, int Length, LocalImage Image)>();
            foreach (var image in images)
            {
                byte[] token = Encoding.ASCII.GetBytes(tokens[image]);
                int at = IndexOf(wire, token, 0);
                if (at < 0) throw new InvalidOperationException("A local image was not written into the body.");
                places.Add((at, token.Length, image));
            }
            var segments = new List<InlineImageContent.Segment>();
            int from = 0;
            foreach (var place in places.OrderBy(p => p.At))
            {
                segments.Add(InlineImageContent.Segment.Literal(Slice(wire, from, place.At)));
                segments.Add(InlineImageContent.Segment.File(place.Image));
                from = place.At + place.Length;
            }
            segments.Add(InlineImageContent.Segment.Literal(Slice(wire, from, wire.Length)));
            return segments;
        }

        private static byte[] Slice(byte[] data, int from, int to)
        {
            var part = new byte[to - from];
            Buffer.BlockCopy(data, from, part, 0, part.Length);
            return part;
        }

        private static int IndexOf(byte[] data, byte[] token, int from)
        {
            for (int i = from; i <= data.Length - token.Length; i++)
            {
                int j = 0;
                while (j < token.Length && data[i + j] == token[j]) j++;
                if (j == token.Length) return i;
            }
            return -1;
        }
    }
}
