using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;

namespace HappyHorse.Download
{
    /// <summary>
    /// One GET of an output into its ".part" file, continuing from the bytes already there with a
    /// Range request. Streams through one pooled buffer, so a file of any size costs 256 KB of memory.
    /// Throws <see cref="DownloadException"/> for anything short of a complete file.
    /// </summary>
    internal sealed class RangeTransfer
    {
        /// <summary>Rented from the shared pool (which keeps arrays up to 1 MiB), so its size costs no allocation per download.</summary>
        public const int BufferSize = 256 * 1024;

        private readonly HttpClient _http;
        private readonly TimeSpan _idleTimeout;
        private readonly TransferLimits _limits;
        private readonly Action<string>? _log;

        public RangeTransfer(HttpClient http, TimeSpan idleTimeout, TransferLimits limits, Action<string>? log)
        {
            _http = http;
            _idleTimeout = idleTimeout;
            _limits = limits;
            _log = log;
        }

        /// <returns>The length of the complete file now in <paramref name="partPath"/>, flushed to the disk.</returns>
        public async Task<long> RunAsync(Uri source, string partPath, ResumeMarker marker, string name, ProgressThrottle progress, CancellationToken cancellationToken)
        {
            long offset = PartFile.ExistingLength(partPath, name, _log);
            using var request = new HttpRequestMessage(HttpMethod.Get, source);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
                if (marker.EntityTag != null && EntityTagHeaderValue.TryParse(marker.EntityTag, out var tag))
                    request.Headers.IfRange = new RangeConditionHeaderValue(tag);
            }

            // One token for the whole attempt, re-armed before every read: it fires when the host goes quiet.
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(_idleTimeout);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is HttpRequestException || ex is IOException || ex is OperationCanceledException))
            {
                throw Network(ex is OperationCanceledException ? $"no answer from {source.Host} within {_idleTimeout.TotalSeconds:0} s." : $"{source.Host}: {Innermost(ex).Message}", ex);
            }

            using (response)
            using (idle.Token.Register(response.Dispose)) // Ctrl+C or silence unblocks a read even on runtimes that ignore the token
            {
                long? total = Accept(response, source, partPath, ref offset, name);
                if (total.HasValue && offset == total.Value && (int)response.StatusCode == 416)
                {
                    using (var whole = PartFile.Open(partPath, offset, _limits.OpenFile)) PartFile.Sync(whole, partPath);
                    return offset;
                }
                if (total > _limits.MaxBytes)
                    throw new DownloadException(DownloadFailure.InvalidResponse,
                        $"{source.Host} announced a video of {total.Value:N0} bytes, more than -MaxBytes ({_limits.MaxBytes:N0}); it was not downloaded.", false, (int)response.StatusCode);
                RememberEntityTag(response, marker);

                long length = offset;
                using (var file = PartFile.Open(partPath, offset, _limits.OpenFile))
                {
                    var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    // Pooled, and large: a read and a write per 256 KB rather than per 80 KB, and nothing allocated per download.
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                    try
                    {
                        var stall = new StallWatch(_limits, length);
                        var flush = new BackgroundFlush(file, partPath, _limits.FlushBytes, _limits.FlushInBackground, length);
                        try
                        {
                            while (true)
                            {
                                idle.CancelAfter(_idleTimeout);
                                int read;
                                try
                                {
                                    read = await body.ReadAsync(buffer, 0, buffer.Length, idle.Token).ConfigureAwait(false);
                                }
                                catch (Exception ex) when (cancellationToken.IsCancellationRequested && (ex is ObjectDisposedException || ex is IOException || ex is HttpRequestException))
                                {
                                    throw new OperationCanceledException(cancellationToken);
                                }
                                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is IOException || ex is HttpRequestException || ex is OperationCanceledException || ex is ObjectDisposedException))
                                {
                                    string why = idle.IsCancellationRequested ? $"no data for {_idleTimeout.TotalSeconds:0} s" : Innermost(ex).Message;
                                    throw Network($"the transfer broke after {length:N0}{Of(total)} bytes ({why}).", ex);
                                }
                                if (read == 0) break;
                                if (length + read > _limits.MaxBytes)
                                {
                                    PartFile.Discard(file, partPath);
                                    throw new DownloadException(DownloadFailure.InvalidResponse,
                                        $"{source.Host} sent more than -MaxBytes ({_limits.MaxBytes:N0} bytes) without reaching the end of the video; the partial file was deleted.", false, (int)response.StatusCode);
                                }
                                try
                                {
                                    // Synchronous: a write to the page cache is a copy, and an async write on a
                                    // non-overlapped handle would cost a thread-pool hop per buffer.
                                    file.Write(buffer, 0, read);
                                }
                                catch (IOException ex)
                                {
                                    throw new DownloadException(DownloadFailure.Disk, $"writing {partPath} failed: {ex.Message}", false, inner: ex);
                                }
                                length += read;
                                flush.Written(length);
                                progress.Report(length, total);
                                string? slow = stall.Check(length);
                                if (slow != null)
                                    throw new DownloadException(DownloadFailure.Network, $"{source.Host} is too slow: {slow}; the transfer was given up.", false);
                            }
                            progress.Final(length, total);
                            await flush.FinishAsync(cancellationToken).ConfigureAwait(false);
                        }
                        catch
                        {
                            _ = flush.Abandon();
                            throw;
                        }
                        CheckComplete(response, source, file, partPath, length, total);
                        PartFile.Sync(file, partPath);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
                return length;
            }
        }

        /// <summary>
        /// Complete means: every announced byte, or, with no length announced, a chunked (or HTTP/2+)
        /// body that ended cleanly. A body that simply stops when the connection closes proves
        /// nothing, so it is kept and asked for again with a Range request: a 416 naming this very
        /// length, or a 206 with the rest, settles it; a host that keeps answering the same way is
        /// given up after the usual retries.
        /// </summary>
        private static void CheckComplete(HttpResponseMessage response, Uri source, FileStream file, string partPath, long length, long? total)
        {
            if (total.HasValue && length < total.Value)
                throw Network($"the connection closed after {length:N0} of {total.Value:N0} bytes.", null);
            if (total.HasValue && length > total.Value)
            {
                PartFile.Discard(file, partPath);
                throw new DownloadException(DownloadFailure.InvalidResponse, $"{source.Host} sent {length:N0} bytes where it announced {total.Value:N0}; starting over.", true);
            }
            bool framed = response.Headers.TransferEncodingChunked == true || response.Version.Major >= 2;
            if (!total.HasValue && !framed)
                throw Network($"{source.Host} sent {length:N0} bytes with neither a Content-Length nor chunked encoding and closed the connection, so nothing shows the video is complete; asking again from byte {length:N0}.", null);
        }

        /// <summary>Reads the status line and headers: the file's total length, and where the body starts.</summary>
        private long? Accept(HttpResponseMessage response, Uri source, string partPath, ref long offset, string name)
        {
            int status = (int)response.StatusCode;
            var range = response.Content?.Headers.ContentRange;
            switch (status)
            {
                case 200:
                    if (offset > 0) _log?.Invoke($"{name}: {source.Host} ignored the Range request and sent the whole file; starting over from byte 0.");
                    offset = 0;
                    RejectHtml(response, source);
                    return response.Content?.Headers.ContentLength;
                case 206:
                    if (range == null || !range.HasRange || range.From != offset)
                    {
                        AtomicFile.TryDelete(partPath);
                        throw new DownloadException(DownloadFailure.InvalidResponse,
                            $"{source.Host} answered a request for bytes {offset}- with {(range?.ToString() ?? "no Content-Range")}; starting over.", true, status);
                    }
                    RejectHtml(response, source);
                    return range.Length ?? (range.To.HasValue ? range.To.Value + 1 : (long?)null);
                case 416:
                    // Nothing after our last byte: complete when the server's length is ours, else start over.
                    if (range?.Length is long whole && whole == offset && offset > 0) return whole;
                    AtomicFile.TryDelete(partPath);
                    throw new DownloadException(DownloadFailure.InvalidResponse,
                        $"the partial file ({offset:N0} bytes) does not fit the server's copy ({(range?.Length?.ToString("N0") ?? "unknown")} bytes); starting over.", true, status);
                default:
                    bool retryable = RetryPolicy.IsRetryableStatus(status);
                    throw new DownloadException(DownloadFailure.Http,
                        $"{source.Host} answered HTTP {status} {response.ReasonPhrase}{Advice(status)}", retryable, status,
                        RetryAfterHeader.Read(response, DateTimeOffset.UtcNow));
            }
        }

        private static string Advice(int status) => status switch
        {
            401 or 403 => " (the link may have expired: get a fresh one with Get-HHJobResult, then save again).",
            404 or 410 => " (the file is gone: outputs are kept for a limited time).",
            _ => ".",
        };

        private static void RejectHtml(HttpResponseMessage response, Uri source)
        {
            string? type = response.Content?.Headers.ContentType?.MediaType;
            if (type != null && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
                throw new DownloadException(DownloadFailure.InvalidResponse,
                    $"{source.Host} answered with an HTML page instead of a video (a login page or a proxy error?).", false, (int)response.StatusCode);
        }

        private static void RememberEntityTag(HttpResponseMessage response, ResumeMarker marker)
        {
            var tag = response.Headers.ETag;
            string? strong = tag != null && !tag.IsWeak ? tag.ToString() : null;
            if (strong == marker.EntityTag) return;
            marker.EntityTag = strong;
            try { marker.Write(); } catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { }
        }

        private static DownloadException Network(string message, Exception? inner) =>
            new DownloadException(DownloadFailure.Network, message, true, inner: inner);

        private static string Of(long? total) => total.HasValue ? " of " + total.Value.ToString("N0") : "";

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
