using System;
using System.IO;
using System.Security.Cryptography;
using HappyHorse.Preflight;

namespace HappyHorse.LocalImages
{
    /// <summary>
    /// Checks a reference image on this machine against the service's rules, as a URL is checked but
    /// with no network: JPEG/PNG/WEBP by its first bytes (never its name), at most 10 MB, short side at
    /// least 400 px. Also takes the SHA-256 of the whole file, streamed: the hash names the file in
    /// messages and journals and makes a changed file a different row.
    /// </summary>
    internal static class LocalImageReader
    {
        /// <summary>Files larger than this are not hashed: they can never be sent, and hashing gigabytes would stall the row.</summary>
        internal const long MaxHashedBytes = HappyHorse.Input.JobBody.MaxBytes;

        private const string Allowed = "allowed: an absolute https:// URL, or the path of a local JPEG, PNG or WEBP file";

        /// <param name="given">The text as the user gave it (shown in messages).</param>
        /// <param name="fullPath">The file it names, already resolved against the current location.</param>
        public static ImageCheck Check(string given, string fullPath, PreflightOptions options)
        {
            var check = new ImageCheck(given) { Path = fullPath };
            try
            {
                var info = new FileInfo(fullPath);
                if (!info.Exists)
                {
                    bool folder = Directory.Exists(fullPath);
                    string t = given.Trim();
                    bool pathLike = LocalImageReference.LooksAbsolute(t) || LocalImageReference.IsFileUri(t) || t.StartsWith(".", StringComparison.Ordinal) || t.IndexOf('\\') >= 0;
                    string lead = pathLike
                        ? $"is a local file path, but {fullPath} {(folder ? "is a folder, not a file" : "does not exist")}"
                        : $"is not an absolute URL, and {(folder ? fullPath + " is a folder, not a file" : "no local file " + fullPath + " exists")}";
                    return check.Fail(ImageRules.Reachable, $"{lead}; {Allowed}.");
                }
                using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
                long length = file.Length;
                check.LastWriteTimeUtc = info.LastWriteTimeUtc;
                ImageHeader header = ReadHeader(file, length, options, out int read);
                check.Reachable = true;
                check.BytesRead = read;
                ReferenceImageProbe.Judge(check, header, length, null, options);
                if (length <= MaxHashedBytes)
                {
                    file.Position = 0;
                    check.Sha256 = Sha256Hex(file);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException || e is NotSupportedException || e is ArgumentException)
            {
                check.Fail(ImageRules.Reachable, $"could not be read: {e.Message}; allowed: a file this account can read.");
            }
            return check;
        }

        /// <summary>The first bytes, read further while the header asks (a JPEG with big metadata first), up to MaxHeaderBytes.</summary>
        private static ImageHeader ReadHeader(Stream file, long length, PreflightOptions options, out int count)
        {
            var data = new byte[(int)Math.Min(length, options.ChunkBytes)];
            count = Fill(file, data, 0);
            ImageHeader header = ImageHeaderReader.Read(data, count, count >= length);
            while (header.NeedBytes > 0 && count < length && count < options.MaxHeaderBytes)
            {
                int upTo = (int)Math.Min(Math.Min(length, options.MaxHeaderBytes), Math.Max(header.NeedBytes, count + options.ChunkBytes));
                Array.Resize(ref data, upTo);
                int before = count;
                count = Fill(file, data, count);
                header = ImageHeaderReader.Read(data, count, count >= length);
                if (count == before) break;
            }
            return header;
        }

        private static int Fill(Stream file, byte[] data, int from)
        {
            int count = from;
            while (count < data.Length)
            {
                int n = file.Read(data, count, data.Length - count);
                if (n == 0) break;
                count += n;
            }
            return count;
        }

        internal static string Sha256Hex(Stream stream)
        {
            using var sha = SHA256.Create();
            return Hex(sha.ComputeHash(stream));
        }

        internal static string Hex(byte[] hash)
        {
            var text = new System.Text.StringBuilder(hash.Length * 2);
            foreach (byte b in hash) text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return text.ToString();
        }
    }
}
