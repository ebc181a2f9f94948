using System;
using System.Globalization;
using HappyHorse.Preflight;

namespace HappyHorse.LocalImages
{
    /// <summary>
    /// A local file that passed the reference-image rules and goes into one body field inline, as
    /// RunComfy's own ComfyUI node sends images: data:&lt;type&gt;;base64,&lt;bytes&gt;. Holds facts, never
    /// the bytes: they are read again, streamed, when the body is sent.
    /// </summary>
    internal sealed class LocalImage
    {
        public LocalImage(string field, ImageCheck check)
        {
            if (!check.Passed || check.Path == null || check.MediaType == null || check.Bytes == null || check.Sha256 == null)
                throw new ArgumentException("Only a readable file that passed every rule can be sent inline.", nameof(check));
            Field = field;
            Given = check.Url;
            Path = check.Path;
            MediaType = check.MediaType;
            Bytes = check.Bytes.Value;
            Sha256 = check.Sha256;
            Width = check.Width ?? 0;
            Height = check.Height ?? 0;
            LastWriteTimeUtc = check.LastWriteTimeUtc;
            Facts = check.FileFacts();
        }

        /// <summary>The body field it fills, e.g. image_url_1.</summary>
        public string Field { get; }

        /// <summary>The text the user gave (a relative path, ~/x.png, a file: URI).</summary>
        public string Given { get; }

        public string Path { get; }

        /// <summary>image/jpeg, image/png or image/webp, from the file's bytes.</summary>
        public string MediaType { get; }

        public long Bytes { get; }
        public string Sha256 { get; }
        public int Width { get; }
        public int Height { get; }
        public DateTime LastWriteTimeUtc { get; }

        /// <summary>"/x/cat.png, image/png, 1,234 bytes, sha256 0123456789ab": how messages name the file.</summary>
        public string Facts { get; }

        public string DataPrefix => "data:" + MediaType + ";base64,";

        /// <summary>Characters the value takes in the body: the prefix and the base64 text.</summary>
        public long EncodedLength => DataPrefix.Length + (Bytes + 2) / 3 * 4;

        /// <summary>What the row key hashes in place of the bytes: the type and the whole SHA-256, so a changed file is a new row.</summary>
        public string KeyText => "data:" + MediaType + ";sha256," + Sha256;

        /// <summary>What -WhatIf, journals, jobs and sidecars show in place of the bytes.</summary>
        public string ShownText =>
            $"local file {Path} ({MediaType}, {Width}x{Height}, {Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, sha256 {Sha256.Substring(0, 12)}), sent inline as data:{MediaType};base64";
    }
}
