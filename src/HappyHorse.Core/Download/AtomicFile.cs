using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace HappyHorse.Download
{
    /// <summary>Puts a finished file under its final name in one rename, replacing what was there.</summary>
    internal static class AtomicFile
    {
        public static void MoveOver(string source, string destination)
        {
            // A link is never ours: unlinked first (File.Replace would follow it, or fail on a dangling one).
            if (IsLink(destination)) File.Delete(destination);
            if (File.Exists(destination))
            {
                // rename(2) on Unix, ReplaceFile on Windows: the old file stays whole until the new one takes its name.
                File.Replace(source, destination, null);
                return;
            }
            try
            {
                File.Move(source, destination);
            }
            catch (IOException) when (File.Exists(destination))
            {
                File.Replace(source, destination, null);
            }
        }

        /// <summary>
        /// Writes a temporary file beside <paramref name="path"/>, then renames it over. The temporary
        /// name ends in a random suffix and is created exclusively (O_EXCL): a link planted in the
        /// folder can neither be guessed nor written through, and the rename replaces a link at
        /// <paramref name="path"/> itself rather than the file it points to.
        /// </summary>
        public static void WriteAllBytes(string path, byte[] content)
        {
            string temp = path + "." + RandomSuffix() + ".tmp";
            bool moved = false;
            try
            {
                using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
                    file.Write(content, 0, content.Length);
                MoveOver(temp, path);
                moved = true;
            }
            finally
            {
                if (!moved) TryDelete(temp);
            }
        }

        /// <summary>True when <paramref name="path"/> is a symbolic link (or another reparse point), dangling or not.</summary>
        public static bool IsLink(string path)
        {
            try
            {
                return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return false;
            }
        }

        private static string RandomSuffix()
        {
            var bytes = new byte[6];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            var text = new StringBuilder(12);
            foreach (byte b in bytes) text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return text.ToString();
        }

        public static void TryDelete(string path)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
