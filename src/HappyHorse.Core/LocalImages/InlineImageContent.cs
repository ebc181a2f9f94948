using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using HappyHorse.Api;

namespace HappyHorse.LocalImages
{
    /// <summary>
    /// A JSON body whose image values are local files, base64-encoded straight from the file into the
    /// request as it is sent: one image at a time, in small chunks, never a copy of the whole body or
    /// of a whole image. Its length is known beforehand (sent as Content-Length).
    /// </summary>
    internal sealed class InlineImageContent : RequestContent
    {
        // A multiple of 3, so every chunk but the last encodes without padding.
        private const int ChunkBytes = 48 * 1024;

        private readonly IReadOnlyList<Segment> _segments;

        public InlineImageContent(IReadOnlyList<Segment> segments)
        {
            _segments = segments;
            foreach (var segment in segments) Length += segment.Image?.EncodedLength ?? segment.Bytes!.Length;
        }

        public override long Length { get; }

        public override HttpContent Create() => new Streamed(this);

        /// <summary>
        /// Writes the body. A file that changed since it was checked stops the body before its end
        /// (<see cref="BodyNotCompletedException"/>): the server never gets a complete request.
        /// </summary>
        internal async Task WriteToAsync(Stream stream)
        {
            foreach (var segment in _segments)
                if (segment.Image != null) EnsureUnchanged(segment.Image);
            foreach (var segment in _segments)
            {
                if (segment.Image == null) await stream.WriteAsync(segment.Bytes!, 0, segment.Bytes!.Length).ConfigureAwait(false);
                else await WriteImageAsync(stream, segment.Image).ConfigureAwait(false);
            }
        }

        private static void EnsureUnchanged(LocalImage image)
        {
            var info = new FileInfo(image.Path);
            if (!info.Exists) throw Changed(image, "is gone");
            if (info.Length != image.Bytes || info.LastWriteTimeUtc != image.LastWriteTimeUtc)
                throw Changed(image, $"is now {info.Length:N0} bytes, written {info.LastWriteTimeUtc:u}");
        }

        private static async Task WriteImageAsync(Stream stream, LocalImage image)
        {
            byte[] prefix = System.Text.Encoding.ASCII.GetBytes(image.DataPrefix);
            await stream.WriteAsync(prefix, 0, prefix.Length).ConfigureAwait(false);
            var raw = new byte[ChunkBytes];
            var encoded = new byte[ChunkBytes / 3 * 4];
            var held = new byte[encoded.Length];
            int heldLength = 0;
            using var sha = SHA256.Create();
            using var file = new FileStream(image.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            for (long left = image.Bytes; left > 0;)
            {
                int n = await FillAsync(file, raw, (int)Math.Min(raw.Length, left)).ConfigureAwait(false);
                if (n == 0) throw Changed(image, "ended early");
                left -= n;
                sha.TransformBlock(raw, 0, n, null, 0);
                // The previous chunk goes out only now: the last one waits until the hash is proven.
                if (heldLength > 0) await stream.WriteAsync(held, 0, heldLength).ConfigureAwait(false);
                Base64.EncodeToUtf8(new ReadOnlySpan<byte>(raw, 0, n), encoded, out _, out int written, isFinalBlock: left == 0);
                (held, encoded) = (encoded, held);
                heldLength = written;
            }
            if (file.ReadByte() >= 0) throw Changed(image, "grew");
            sha.TransformFinalBlock(raw, 0, 0);
            if (!string.Equals(LocalImageReader.Hex(sha.Hash!), image.Sha256, StringComparison.Ordinal)) throw Changed(image, "has different bytes");
            if (heldLength > 0) await stream.WriteAsync(held, 0, heldLength).ConfigureAwait(false);
        }

        private static async Task<int> FillAsync(Stream file, byte[] buffer, int want)
        {
            int count = 0;
            while (count < want)
            {
                int n = await file.ReadAsync(buffer, count, want - count).ConfigureAwait(false);
                if (n == 0) break;
                count += n;
            }
            return count;
        }

        private static BodyNotCompletedException Changed(LocalImage image, string how) =>
            new BodyNotCompletedException($"{image.Field} {image.Facts} changed after it was checked (it {how}); run the row again to check and send the file as it is now.");

        /// <summary>Literal JSON bytes, or a local image written as data:&lt;type&gt;;base64,….</summary>
        internal sealed class Segment
        {
            private Segment(byte[]? bytes, LocalImage? image)
            {
                Bytes = bytes;
                Image = image;
            }

            public byte[]? Bytes { get; }
            public LocalImage? Image { get; }

            public static Segment Literal(byte[] bytes) => new Segment(bytes, null);

            public static Segment File(LocalImage image) => new Segment(null, image);
        }

        private sealed class Streamed : HttpContent
        {
            private readonly InlineImageContent _owner;

            public Streamed(InlineImageContent owner)
            {
                _owner = owner;
                Headers.ContentType = JsonType;
            }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _owner.WriteToAsync(stream);

            protected override bool TryComputeLength(out long length)
            {
                length = _owner.Length;
                return true;
            }
        }
    }
}
