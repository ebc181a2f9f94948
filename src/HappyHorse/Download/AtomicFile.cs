using System.IO;

namespace HappyHorse.Download
{
    /// <summary>Puts a finished file under its final name in one rename, replacing what was there.</summary>
    internal static class AtomicFile
    {
        public static void MoveOver(string source, string destination)
        {
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

        public static void WriteAllBytes(string path, byte[] content)
        {
            string temp = path + ".tmp";
            File.WriteAllBytes(temp, content);
            MoveOver(temp, path);
        }

        public static void TryDelete(string path)
        {
            try { File.Delete(path); } catch (IOException) { } catch (System.UnauthorizedAccessException) { }
        }
    }
}
