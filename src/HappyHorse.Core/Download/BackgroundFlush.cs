using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace HappyHorse.Download
{
    /// <summary>
    /// Keeps one flush of the ".part" file to the disk running beside the download, so the fsync
    /// before the rename finds little left to do. That fsync is what makes the file durable, and it
    /// is what curl never pays: left to the end, it waited for the whole file (0.25–0.30 s of a 500 MiB
    /// download on the bench's VM, where the disk's cache flush grows with the bytes written).
    /// Merely starting writeback (sync_file_range) did not move that figure; a flush that runs while
    /// the network does took it off the end. One transfer's flusher; not for concurrent callers.
    /// <para>
    /// On Linux a writeback error is reported to one fsync of the file only. A background flush that
    /// fails has taken it, so a later fsync (this transfer's, a retry's, the next run's) would succeed
    /// on a file with pages that never reached the disk: the ".part" file is deleted instead, and the
    /// next attempt starts from byte 0.
    /// </para>
    /// </summary>
    internal sealed class BackgroundFlush
    {
        private readonly SafeFileHandle? _handle;
        private readonly string _partPath;
        private readonly Func<SafeFileHandle, bool>? _flush;
        private long _every;
        private Task<bool>? _running;
        private long _startedAt;
        private Exception? _failure;

        /// <param name="every">Bytes between the starts of two flushes; 0 (or no <paramref name="flush"/>): none.</param>
        /// <param name="flush">Flushes the file's written bytes, blocking; false when it cannot be done here (no further ones are started); throws on failure.</param>
        /// <param name="startedAt">The file's length when the transfer began: only bytes written after it count.</param>
        public BackgroundFlush(FileStream file, string partPath, long every, Func<SafeFileHandle, bool>? flush, long startedAt)
        {
            _partPath = partPath;
            _every = flush == null ? 0 : every;
            _flush = flush;
            _startedAt = startedAt;
            // Read here, on the download's thread: the stream's handle getter touches the stream's state.
            if (_every > 0) _handle = file.SafeFileHandle;
        }

        /// <summary>
        /// Told the file's length after each write: when <c>every</c> more bytes are in it and no flush
        /// is running, starts one on a thread of its own (it blocks in the kernel, so not a pool worker's).
        /// A flush that failed ends the download when this sees it, at most <c>every</c> bytes later.
        /// </summary>
        public void Written(long length)
        {
            if (_every <= 0 || length - _startedAt < _every) return;
            if (_running != null && !_running.IsCompleted) return;
            Collect();
            ThrowIfFailed();
            if (_every <= 0) return;
            _startedAt = length;
            var handle = _handle!;
            var flush = _flush!;
            _running = Task.Factory.StartNew(() => flush(handle), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>
        /// Waits for the flush still running, then throws if one failed (the ".part" file deleted).
        /// Ctrl+C does not wait for a flush (on a slow disk it may take seconds): it goes on alone,
        /// and the file stays open until it ends.
        /// </summary>
        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            if (_running != null && !_running.IsCompleted)
            {
                var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => stopped.TrySetResult(true)))
                {
                    if (await Task.WhenAny(_running, stopped.Task).ConfigureAwait(false) != _running)
                        throw new OperationCanceledException(cancellationToken);
                }
            }
            Collect();
            ThrowIfFailed();
        }

        /// <summary>
        /// The transfer ended early (a broken connection, Ctrl+C, an error): a flush that failed, now or
        /// once the one still running ends, deletes the ".part" file, so nothing resumes from bytes
        /// that may not be on the disk.
        /// </summary>
        /// <returns>What ends once that is settled (for tests; the transfer does not wait for it).</returns>
        public Task Abandon()
        {
            var running = _running;
            if (running != null && !running.IsCompleted)
            {
                return running.ContinueWith(t =>
                {
                    if (t.Exception != null) AtomicFile.TryDelete(_partPath); // reading it also observes it
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            Collect();
            if (_failure != null) AtomicFile.TryDelete(_partPath);
            return Task.CompletedTask;
        }

        private void Collect()
        {
            if (_running == null || !_running.IsCompleted) return;
            if (_running.IsFaulted) _failure ??= _running.Exception!.InnerException;
            else if (_running.Status == TaskStatus.RanToCompletion && !_running.Result) _every = 0; // this filesystem cannot: the final fsync does it all
            _running = null;
        }

        private void ThrowIfFailed()
        {
            if (_failure == null) return;
            AtomicFile.TryDelete(_partPath);
            throw new DownloadException(DownloadFailure.Disk,
                $"flushing {_partPath} to the disk failed: {_failure.Message}. The partial file was deleted, since some of its bytes may not be on the disk.", false, inner: _failure);
        }

        /// <summary>The default flush: fdatasync on Linux; null elsewhere (no background flush, the final fsync does it all).</summary>
        public static Func<SafeFileHandle, bool>? Default { get; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? FlushData : (Func<SafeFileHandle, bool>?)null;

        private const int EINTR = 4, EINVAL = 22, EROFS = 30, ENOSYS = 38, EOPNOTSUPP = 95;

        private static bool _unavailable;

        /// <summary>
        /// fdatasync on the handle itself, not FileStream.Flush(true), which would touch the stream
        /// from a second thread while the download writes. The reference taken keeps the descriptor
        /// open (and unreused) until the call returns, even if the file is closed meanwhile.
        /// False where it cannot be done: no such call in this libc, or a filesystem without it
        /// (the errors .NET's own fsync ignores); the final fsync then does the work, as before.
        /// </summary>
        internal static bool FlushData(SafeFileHandle handle)
        {
            if (_unavailable) return false;
            bool added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                int fd = handle.DangerousGetHandle().ToInt32();
                while (fdatasync(fd) != 0)
                {
                    int errno = Marshal.GetLastWin32Error();
                    if (errno == EINTR) continue;
                    if (errno == EINVAL || errno == EROFS || errno == ENOSYS || errno == EOPNOTSUPP) return false;
                    throw new IOException($"fdatasync failed (errno {errno})");
                }
                return true;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                _unavailable = true;
                return false;
            }
            catch (ObjectDisposedException)
            {
                // The download ended (broken or stopped) and closed the file first: nothing left to make durable.
                return false;
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
        private static extern int fdatasync(int fd);
    }
}
