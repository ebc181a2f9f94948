using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Download
{
    /// <summary>
    /// Keeps one flush of the ".part" file to the disk running beside the download, so the fsync
    /// before the rename finds little left to do. That fsync is what makes the file durable, and it
    /// is what curl never pays: left to the end, it waited for the whole file (0.25–0.30 s of a 500 MiB
    /// download on the bench's VM, where the disk's cache flush grows with the bytes written).
    /// Merely starting writeback (sync_file_range) did not move that figure; a flush that runs while
    /// the network does took it off the end. One transfer's flusher; not for concurrent callers.
    /// </summary>
    internal sealed class BackgroundFlush
    {
        private readonly FileStream _file;
        private readonly string _partPath;
        private readonly long _every;
        private readonly Action<FileStream>? _flush;
        private Task? _running;
        private long _startedAt;
        private Exception? _failure;

        /// <param name="every">Bytes between the starts of two flushes; 0 (or no <paramref name="flush"/>): none.</param>
        /// <param name="startedAt">The file's length when the transfer began: only bytes written after it count.</param>
        public BackgroundFlush(FileStream file, string partPath, long every, Action<FileStream>? flush, long startedAt)
        {
            _file = file;
            _partPath = partPath;
            _every = flush == null ? 0 : every;
            _flush = flush;
            _startedAt = startedAt;
        }

        /// <summary>
        /// Told the file's length after each write: when <c>every</c> more bytes are in it and no flush
        /// is running, starts one on a thread of its own (it blocks in the kernel, so not a pool worker's).
        /// A flush that failed ends the download at once: the rest would be written for nothing.
        /// </summary>
        public void Written(long length)
        {
            if (_every <= 0 || length - _startedAt < _every) return;
            if (_running != null && !_running.IsCompleted) return;
            Collect();
            ThrowIfFailed();
            _startedAt = length;
            _running = Task.Factory.StartNew(() => _flush!(_file), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>
        /// Waits for the flush still running, then throws the first that failed. On Linux an error of
        /// writeback is reported to one fsync of the file only: if the background one took it, the
        /// final fsync would succeed, so its failure must end the download here. Ctrl+C does not wait
        /// for a flush (on a slow disk it may take seconds): it goes on alone, and the file stays open until it ends.
        /// </summary>
        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            if (_running != null)
            {
                if (!_running.IsCompleted)
                {
                    var stopped = new TaskCompletionSource<bool>();
                    using (cancellationToken.Register(() => stopped.TrySetResult(true)))
                    {
                        if (await Task.WhenAny(_running, stopped.Task).ConfigureAwait(false) != _running)
                            throw new OperationCanceledException(cancellationToken);
                    }
                }
                try
                {
                    await _running.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Kept by the task, and read just below.
                }
            }
            Collect();
            ThrowIfFailed();
        }

        private void ThrowIfFailed()
        {
            if (_failure != null)
                throw new DownloadException(DownloadFailure.Disk, $"flushing {_partPath} to the disk failed: {_failure.Message}", false, inner: _failure);
        }

        private void Collect()
        {
            if (_running is { IsFaulted: true } failed && _failure == null) _failure = failed.Exception!.InnerException;
            _running = null;
        }

        /// <summary>The default flush: fdatasync on Linux; null elsewhere (no background flush, the final fsync does it all).</summary>
        public static Action<FileStream>? Default { get; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? FlushData : (Action<FileStream>?)null;

        /// <summary>
        /// fdatasync on the handle itself: FileStream.Flush(true) would touch the stream's state from
        /// a second thread while the download writes. The reference taken keeps the descriptor open
        /// (and unreused) until the call returns, even if the file is closed meanwhile.
        /// </summary>
        private static void FlushData(FileStream file)
        {
            if (_unavailable) return;
            Microsoft.Win32.SafeHandles.SafeFileHandle? handle = null;
            bool added = false;
            try
            {
                handle = file.SafeFileHandle;
                handle.DangerousAddRef(ref added);
                if (fdatasync(handle.DangerousGetHandle().ToInt32()) != 0)
                    throw new IOException($"fdatasync failed (errno {Marshal.GetLastWin32Error()})");
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                // A libc without it (or by another name): the final fsync alone makes the file durable, as before.
                _unavailable = true;
            }
            catch (ObjectDisposedException)
            {
                // The download ended (broken or stopped) and closed the file first: nothing left to make durable.
            }
            finally
            {
                if (added) handle!.DangerousRelease();
            }
        }

        private static bool _unavailable;

        [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
        private static extern int fdatasync(int fd);
    }
}
