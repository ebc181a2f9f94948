using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Api
{
    /// <summary>Sends one API request with the retry rules of its kind; never logs or echoes the token.</summary>
    internal sealed class HttpTransport
    {
        private readonly ApiCredential _credential;
        private readonly ClientOptions _options;
        private readonly Action<string>? _log;
        /// <summary>
        /// Built once from the credential and kept here, inside the HTTP core: rebuilding it per request
        /// made a fresh cleartext copy of the token for every poll (and three objects besides).
        /// </summary>
        private AuthenticationHeaderValue? _authorization;

        public HttpTransport(ApiCredential credential, ClientOptions options, Action<string>? log)
        {
            _credential = credential;
            _options = options;
            _log = log;
        }

        public async Task<ApiResponse> SendAsync(HttpMethod method, Uri uri, RequestContent? jsonBody, bool isSubmit, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ApiResponse? response = null;
                RunComfyApiException? failure = null;
                try
                {
                    response = await SendOnceAsync(method, uri, jsonBody, isSubmit, cancellationToken).ConfigureAwait(false);
                }
                catch (RunComfyApiException ex) when (ex.Kind != ApiErrorKind.OutcomeUnknown)
                {
                    failure = ex;
                }

                bool retryable = response != null
                    ? (isSubmit ? RetryPolicy.IsSubmitRetryableStatus(response.Status) : RetryPolicy.IsRetryableStatus(response.Status))
                    : failure!.Kind == ApiErrorKind.Network || (!isSubmit && failure.Kind == ApiErrorKind.Timeout);
                if (!retryable || attempt >= _options.MaxAttempts)
                {
                    if (failure != null) throw failure;
                    return response!;
                }

                var delay = RetryPolicy.Delay(attempt, response?.RetryAfter, _options);
                _log?.Invoke($"{method} {uri.AbsolutePath}: {(response != null ? "HTTP " + response.Status : failure!.Message)}; retry {attempt}/{_options.MaxAttempts - 1} in {delay.TotalSeconds:0.0} s.");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<ApiResponse> SendOnceAsync(HttpMethod method, Uri uri, RequestContent? jsonBody, bool isSubmit, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            using var request = new HttpRequestMessage(method, uri);
            // Never mutated once built, so every request may carry the same value.
            request.Headers.Authorization = _authorization ??= _credential.CreateHeader();
            if (jsonBody != null) request.Content = jsonBody.Create();

            // Read only for the verbose line: a clock read per poll otherwise.
            long started = _log != null ? DateTimeOffset.UtcNow.UtcTicks : 0;
            try
            {
                using var response = await SharedHttpClient.For(_options.Proxy).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                ArraySegment<byte> body;
                try
                {
                    body = await ReadBoundedAsync(response, timeout.Token).ConfigureAwait(false);
                }
                catch (RunComfyApiException tooLarge) when (isSubmit && response.IsSuccessStatusCode)
                {
                    throw new RunComfyApiException(ApiErrorKind.OutcomeUnknown,
                        "The submit was answered with success but the answer could not be read (" + tooLarge.Message + "). The job probably exists and may be charged; it was not sent again.",
                        tooLarge.HttpStatus, inner: tooLarge);
                }
                _log?.Invoke($"{method} {uri.AbsolutePath} -> HTTP {(int)response.StatusCode} in {(DateTimeOffset.UtcNow.UtcTicks - started + TimeSpan.TicksPerMillisecond / 2) / TimeSpan.TicksPerMillisecond} ms");
                // The media type only names what a body that is not JSON was; parsing the header for every
                // answer was a fifth of what a poll allocated beyond a bare HttpClient's.
                string? mediaType = body.Count > 0 && body.Array![body.Offset] == (byte)'{' ? null : response.Content?.Headers.ContentType?.MediaType;
                return new ApiResponse((int)response.StatusCode, mediaType, body,
                    RetryAfterHeader.Read(response, DateTimeOffset.UtcNow), response.Headers.Location);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                // A stopped submit may already have reached the server: that is not "nothing happened".
                if (isSubmit)
                    throw new RunComfyApiException(ApiErrorKind.OutcomeUnknown,
                        $"The submit to {uri.AbsolutePath} was stopped while in flight. The job may or may not exist and may be charged; it was not sent again.",
                        inner: ex);
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is HttpRequestException || ex is IOException)
            {
                throw Classify(ex, method, uri, isSubmit);
            }
        }

        private static RunComfyApiException Classify(Exception ex, HttpMethod method, Uri uri, bool isSubmit)
        {
            if (Find<BodyNotCompletedException>(ex) is BodyNotCompletedException cut)
                return new RunComfyApiException(ApiErrorKind.Other,
                    $"The submit to {uri.AbsolutePath} was stopped before its body was complete, so the service cannot have accepted it: {cut.Message}", inner: ex);
            bool timedOut = ex is OperationCanceledException;
            if (isSubmit && !NeverReachedServer(ex))
            {
                return new RunComfyApiException(ApiErrorKind.OutcomeUnknown,
                    $"The submit to {uri.AbsolutePath} was sent but no answer came back ({(timedOut ? "timed out" : Innermost(ex).Message)}). The job may or may not exist and may be charged; it was not sent again.",
                    inner: ex);
            }
            return new RunComfyApiException(timedOut ? ApiErrorKind.Timeout : ApiErrorKind.Network,
                timedOut
                    ? $"{method} {uri.AbsolutePath} timed out."
                    : $"{method} {uri.GetLeftPart(UriPartial.Authority)}{uri.AbsolutePath} failed: {Innermost(ex).Message}",
                inner: ex);
        }

        /// <summary>Connection refused and name resolution failures prove the body never left this machine.</summary>
        private static bool NeverReachedServer(Exception ex)
        {
            for (Exception? e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException se && (se.SocketErrorCode == SocketError.ConnectionRefused
                    || se.SocketErrorCode == SocketError.HostNotFound || se.SocketErrorCode == SocketError.NoData
                    || se.SocketErrorCode == SocketError.TryAgain))
                    return true;
            }
            return false;
        }

        private static T? Find<T>(Exception ex) where T : Exception
        {
            for (Exception? e = ex; e != null; e = e.InnerException)
                if (e is T found) return found;
            return null;
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        private async Task<ArraySegment<byte>> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.Content == null) return new ArraySegment<byte>(Array.Empty<byte>());
            // On .NET Framework (Windows PowerShell 5.1) ReadAsync ignores the token: disposing the response
            // is what unblocks a slow body, for -TimeoutSec and Ctrl+C alike.
            using var unblock = cancellationToken.Register(response.Dispose);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            // The usual answer says its length: read into an array of that size, which ends the body (and
            // frees the connection) without a growing buffer or the extra read that finds the end.
            // Not when chunked too: the chunks frame the body then, and the length may understate it.
            if (response.Content.Headers.ContentLength is long declared && declared > 0 && declared <= Math.Min(_options.MaxResponseBytes, ExactReadLimit)
                && response.Headers.TransferEncodingChunked != true)
            {
                var exact = new byte[declared];
                int filled = 0, got;
                while (filled < exact.Length && (got = await ReadOrCancelledAsync(stream, exact, filled, exact.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
                    filled += got;
                return WithoutByteOrderMark(exact, filled);
            }
            using var buffer = new MemoryStream();
            // Pooled: a fresh 16 KiB array per request was most of what a submit allocated.
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await ReadOrCancelledAsync(stream, chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > _options.MaxResponseBytes)
                        throw new RunComfyApiException(ApiErrorKind.InvalidResponse,
                            $"The server's answer exceeded {_options.MaxResponseBytes / 1024} KiB; an API reply is never that large, so it was refused.",
                            (int)response.StatusCode);
                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            return WithoutByteOrderMark(buffer.GetBuffer(), (int)buffer.Length);
        }

        /// <summary>The largest declared length read into an array of its own size (64 KiB); longer answers grow a buffer as they come.</summary>
        private const long ExactReadLimit = 64 * 1024;

        /// <summary>A byte order mark (some Windows proxies add one) is not part of the JSON.</summary>
        private static ArraySegment<byte> WithoutByteOrderMark(byte[] bytes, int length)
        {
            int skip = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return new ArraySegment<byte>(bytes, skip, length - skip);
        }

        /// <summary>A read broken by the disposal above is the cancellation it stands for, not a stray ObjectDisposedException.</summary>
        private static async Task<int> ReadOrCancelledAsync(Stream stream, byte[] into, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                return await stream.ReadAsync(into, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && (ex is ObjectDisposedException || ex is IOException || ex is HttpRequestException))
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }
}
