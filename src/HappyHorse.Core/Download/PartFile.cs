using System;
using System.IO;

namespace HappyHorse.Download
{
    /// <summary>
    /// The ".part" file a download grows in. Anyone who can write to the output folder could plant
    /// a link under its name: it is removed, never followed, so the bytes never land elsewhere.
    /// </summary>
    internal static class PartFile
    {
        /// <summary>Bytes of an earlier attempt to continue from; a link in place of the .part file is removed, never followed.</summary>
        public static long ExistingLength(string partPath, string name, Action<string>? log)
        {
            if (AtomicFile.IsLink(partPath))
            {
                log?.Invoke($"{name}: the partial file is a link, not a download of ours; removed, starting from byte 0.");
                Disk(() => File.Delete(partPath), partPath);
                return 0;
            }
            return File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
        }

        /// <summary>
        /// A fresh .part is created exclusively after unlinking whatever had the name; an existing
        /// one is appended to only while it is a plain file, checked before and after opening, so a
        /// link swapped in meanwhile is never written through.
        /// </summary>
        public static FileStream Open(string partPath, long offset, Func<string, FileMode, FileStream> open)
        {
            try
            {
                if (offset == 0)
                {
                    File.Delete(partPath);
                    return open(partPath, FileMode.CreateNew);
                }
                if (!AtomicFile.IsLink(partPath))
                {
                    var file = open(partPath, FileMode.Append);
                    if (!AtomicFile.IsLink(partPath)) return file;
                    file.Dispose();
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new DownloadException(DownloadFailure.Disk, $"cannot write {partPath}: {ex.Message}", false, inner: ex);
            }
            AtomicFile.TryDelete(partPath);
            throw new DownloadException(DownloadFailure.Disk, $"{partPath} was replaced by a link while downloading; the link was removed and the download starts over.", true);
        }

        /// <summary>fsync before the rename: after a power cut the final name holds the whole video or nothing.</summary>
        public static void Sync(FileStream file, string partPath)
        {
            try
            {
                file.Flush(true);
            }
            catch (IOException ex)
            {
                throw new DownloadException(DownloadFailure.Disk, $"flushing {partPath} to the disk failed: {ex.Message}", false, inner: ex);
            }
        }

        public static void Discard(FileStream file, string partPath)
        {
            file.Dispose();
            AtomicFile.TryDelete(partPath);
        }

        private static void Disk(Action action, string path)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new DownloadException(DownloadFailure.Disk, $"cannot write {path}: {ex.Message}", false, inner: ex);
            }
        }
    }
}
