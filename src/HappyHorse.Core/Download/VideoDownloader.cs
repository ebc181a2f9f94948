using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;

namespace HappyHorse.Download
{
    /// <summary>
    /// Saves output videos: skips a file that is already complete, streams into ".part", resumes
    /// with Range after a broken transfer, retries 408/429/5xx and network failures with backoff,
    /// and renames to the final name only when every byte is there. Knows nothing of PowerShell.
    /// </summary>
    internal sealed class VideoDownloader
    {
        private readonly HttpClient _http;
        private readonly ClientOptions _options;
        private readonly Action<string>? _log;
        private readonly RangeTransfer _transfer;
        private readonly TransferLimits _limits;

        public VideoDownloader(ClientOptions? options = null, Action<string>? log = null, TransferLimits? limits = null)
            : this(DownloadHttpClient.For(options?.Proxy), options, log, limits)
        {
        }

        internal VideoDownloader(HttpClient http, ClientOptions? options, Action<string>? log, TransferLimits? limits = null)
        {
            _http = http;
            _options = options ?? ClientOptions.Default;
            _log = log;
            _limits = limits ?? new TransferLimits();
            _transfer = new RangeTransfer(http, _options.RequestTimeout, _limits, log);
        }

        /// <param name="progress">Bytes on disk and the total when known, at most four times a second, from any thread.</param>
        public async Task<DownloadOutcome> SaveAsync(VideoDownload item, Action<long, long?>? progress, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            if (!item.Force && File.Exists(item.Path))
            {
                var existing = await CheckExistingAsync(item, clock, cancellationToken).ConfigureAwait(false);
                if (existing != null) return existing;
            }

            var marker = new ResumeMarker(item.Path, item.Sidecar.RequestId, ResumeMarker.SourceKey(item.Source), null);
            long resumedFrom = PrepareResume(item, marker);
            Disk(() => marker.Write(), marker.FilePath);

            // Asked on every read, let through four times a second: never a report (a post to the pipeline thread, a progress record) per chunk.
            var throttle = new ProgressThrottle(progress, _limits.Clock);
            int requests = 0, failures = 0;
            long length;
            while (true)
            {
                long before = PartLength(item);
                requests++;
                try
                {
                    length = await _transfer.RunAsync(item.Source, item.PartPath, marker, item.Name, throttle, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (DownloadException ex) when (ex.Retryable)
                {
                    // A transfer that moved forward earns a fresh budget: only a host that makes no progress gives up.
                    failures = PartLength(item) > before ? 1 : failures + 1;
                    if (failures >= _options.MaxAttempts)
                        throw new DownloadException(ex.Kind, $"{ex.Message} Gave up after {requests} requests, {failures} in a row without progress.", false, ex.HttpStatus, inner: ex);
                    var delay = RetryPolicy.Delay(failures, ex.RetryAfter, _options);
                    _log?.Invoke($"{item.Name}: {ex.Message} Retry {failures}/{_options.MaxAttempts - 1} in {delay.TotalSeconds:0.0} s from byte {PartLength(item):N0}.");
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }

            Disk(() => AtomicFile.MoveOver(item.PartPath, item.Path), item.Path);
            AtomicFile.TryDelete(marker.FilePath);
            WriteSidecar(item, length);
            return new DownloadOutcome(item.Path, length, false, resumedFrom, requests, clock.Elapsed);
        }

        /// <summary>
        /// A file under the final name is ours and complete when its sidecar names this job and its
        /// length; without a sidecar, when the server's length matches. Anything else is not
        /// overwritten without -Force.
        /// </summary>
        private async Task<DownloadOutcome?> CheckExistingAsync(VideoDownload item, Stopwatch clock, CancellationToken cancellationToken)
        {
            // This module never makes links: one under the final name is someone else's, whatever its size.
            if (AtomicFile.IsLink(item.Path))
                throw new DownloadException(DownloadFailure.Conflict, $"{item.Path} is a symbolic link, not a video saved here; it is not followed or replaced.", false);
            long length = new FileInfo(item.Path).Length;
            var sidecar = VideoSidecar.TryReadIdentity(item.Path);
            string requestId = item.Sidecar.RequestId;
            if (sidecar.HasValue)
            {
                var known = sidecar.Value;
                if (known.RequestId == requestId && known.Bytes == length)
                    return Skipped(item, length, clock, "its sidecar matches");
                throw new DownloadException(DownloadFailure.Conflict, known.RequestId != requestId
                    ? $"{item.Path} already holds the video of job {known.RequestId}, not {requestId}."
                    : $"{item.Path} is {length:N0} bytes but its sidecar says {known.Bytes?.ToString("N0") ?? "nothing"}.", false);
            }

            long? remote = await RemoteLengthAsync(item.Source, cancellationToken).ConfigureAwait(false);
            if (remote == length)
            {
                WriteSidecar(item, length);
                return Skipped(item, length, clock, "its length matches the server's");
            }
            throw new DownloadException(DownloadFailure.Conflict,
                $"{item.Path} exists ({length:N0} bytes) and is not known to be this video (the server has {remote?.ToString("N0") ?? "an unknown number of"} bytes).", false);
        }

        private DownloadOutcome Skipped(VideoDownload item, long length, Stopwatch clock, string why)
        {
            _log?.Invoke($"{item.Name} is already complete ({length:N0} bytes; {why}); skipped. Use -Force to download it again.");
            return new DownloadOutcome(item.Path, length, true, 0, 0, clock.Elapsed);
        }

        /// <summary>The total length, from a one-byte ranged GET: signed CDN links often refuse HEAD.</summary>
        private async Task<long?> RemoteLengthAsync(Uri source, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, source);
            request.Headers.Range = new RangeHeaderValue(0, 0);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if ((int)response.StatusCode == 206) return response.Content?.Headers.ContentRange?.Length;
                if ((int)response.StatusCode == 200) return response.Content?.Headers.ContentLength;
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is HttpRequestException || ex is IOException || ex is OperationCanceledException))
            {
                return null;
            }
        }

        /// <summary>Keeps a ".part" only when it came from this very output; returns the bytes kept.</summary>
        private long PrepareResume(VideoDownload item, ResumeMarker marker)
        {
            if (AtomicFile.IsLink(item.PartPath))
            {
                // The marker is easy to forge; a link is never ours, whatever it points to.
                _log?.Invoke($"{item.Name}: discarding {item.PartPath}: it is a symbolic link, not a partial download.");
                Disk(() => File.Delete(item.PartPath), item.PartPath);
                return 0;
            }
            long length = PartLength(item);
            if (length == 0) return 0;
            var previous = ResumeMarker.TryRead(item.Path);
            if (!item.Force && previous != null && previous.Matches(marker))
            {
                marker.EntityTag = previous.EntityTag;
                _log?.Invoke($"{item.Name}: resuming a partial download at byte {length:N0} with a Range request.");
                return length;
            }
            _log?.Invoke($"{item.Name}: discarding a partial file of {length:N0} bytes ({(item.Force ? "-Force" : "it is not from this job's output")}).");
            Disk(() => File.Delete(item.PartPath), item.PartPath);
            return 0;
        }

        private void WriteSidecar(VideoDownload item, long length)
        {
            var sidecar = item.Sidecar;
            sidecar.SourceUrl = item.Source.AbsoluteUri;
            sidecar.File = item.Name;
            sidecar.Bytes = length;
            sidecar.SavedAt = DateTimeOffset.Now;
            Disk(() => sidecar.Write(item.Path), VideoSidecar.PathFor(item.Path));
        }

        private static long PartLength(VideoDownload item)
        {
            try { return File.Exists(item.PartPath) && !AtomicFile.IsLink(item.PartPath) ? new FileInfo(item.PartPath).Length : 0; }
            catch (IOException) { return 0; }
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
