using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Preflight
{
    /// <summary>
    /// The first bytes of a remote file and its size, fetched anonymously with byte ranges. A host
    /// that ignores Range and sends the whole file (200) is read only as far as needed, then the
    /// connection is dropped. No header that identifies the user is ever sent.
    /// </summary>
    internal sealed class RemoteFilePrefix : IDisposable
    {
        private readonly HttpClient _client;
        private readonly PreflightOptions _options;
        private byte[] _data = new byte[0];
        private HttpResponseMessage? _whole;
        private Stream? _wholeBody;
        private bool _ended;
        // The request on the wire (or whose body is being read): the caller's token, cut off
        // Timeout after the request was sent, so each request gets the whole of -TimeoutSec.
        private CancellationTokenSource? _request;

        public RemoteFilePrefix(HttpClient client, PreflightOptions options, Uri uri)
        {
            _client = client;
            _options = options;
            Uri = uri;
        }

        /// <summary>Where the bytes come from, after redirects.</summary>
        public Uri Uri { get; private set; }

        public byte[] Data => _data;
        public int Count { get; private set; }

        /// <summary>The file's size from Content-Range or Content-Length; null when the host did not say.</summary>
        public long? TotalBytes { get; private set; }

        public string? ContentType { get; private set; }

        /// <summary>Body bytes received, including any a range-ignoring host made us skip.</summary>
        public long BytesRead { get; private set; }

        /// <summary>The last request ran out of its time (not the caller's cancellation).</summary>
        public bool TimedOut => _request != null && _request.IsCancellationRequested;

        private CancellationToken RequestToken => _request!.Token;

        /// <summary>Data holds the whole file.</summary>
        public bool Complete => TotalBytes.HasValue ? Count >= TotalBytes.Value : _ended;

        /// <summary>Fetches the first chunk, following redirects; throws <see cref="ImageFetchException"/> when the answer breaks a rule.</summary>
        public async Task OpenAsync(CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Get, 0, _options.ChunkBytes - 1, cancellationToken).ConfigureAwait(false);
            ContentType = response.Content.Headers.ContentType?.ToString();
            await TakeAsync(response, 0, _options.ChunkBytes, RequestToken).ConfigureAwait(false);
        }

        /// <summary>Extends Data to at least <paramref name="upTo"/> bytes, or to the end of the file.</summary>
        public async Task GrowAsync(int upTo, CancellationToken cancellationToken)
        {
            if (_wholeBody != null)
            {
                await ReadWholeAsync(upTo, RequestToken).ConfigureAwait(false);
                return;
            }
            var response = await SendAsync(HttpMethod.Get, Count, upTo - 1, cancellationToken).ConfigureAwait(false);
            await TakeAsync(response, Count, upTo, RequestToken).ConfigureAwait(false);
        }

        /// <summary>Asks for the size with HEAD when the GET did not tell it; a host that refuses HEAD leaves it unknown.</summary>
        public async Task AskSizeAsync(CancellationToken cancellationToken)
        {
            try
            {
                using var response = await SendAsync(HttpMethod.Head, null, null, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength is long length) TotalBytes = length;
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException || e is ImageFetchException)
            {
            }
        }

        private async Task TakeAsync(HttpResponseMessage response, int offset, int upTo, CancellationToken cancellationToken)
        {
            switch ((int)response.StatusCode)
            {
                case 206:
                    using (response)
                    {
                        var range = response.Content.Headers.ContentRange;
                        if (range == null || range.From != offset)
                            throw new ImageFetchException(ImageRules.Reachable, $"could not be read: asked for bytes from {offset}, the host sent '{range}'; allowed: a host that serves the file as asked.");
                        if (range.Length.HasValue) TotalBytes = range.Length;
                        using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                        int before = Count;
                        await ReadAsync(body, response, upTo, cancellationToken).ConfigureAwait(false);
                        long asked = upTo - offset;
                        if (Count - before < asked && !TotalBytes.HasValue) EndAt(Count);
                    }
                    return;
                case 200:
                    if (response.Content.Headers.ContentLength is long length) TotalBytes = length;
                    _whole?.Dispose();
                    _whole = response;
                    _wholeBody = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    await SkipAsync(offset, cancellationToken).ConfigureAwait(false);
                    await ReadWholeAsync(upTo, cancellationToken).ConfigureAwait(false);
                    return;
                case 416:
                    using (response)
                    {
                        // Only an empty file cannot serve byte 0; any other 416 means the file ends where we are.
                        TotalBytes = response.Content.Headers.ContentRange?.Length ?? Count;
                        _ended = true;
                    }
                    return;
                default:
                    using (response) throw Refusal(response);
            }
        }

        private async Task ReadWholeAsync(int upTo, CancellationToken cancellationToken)
        {
            await ReadAsync(_wholeBody!, _whole!, upTo, cancellationToken).ConfigureAwait(false);
            if (Count < upTo) EndAt(Count); // the body ended first: that was the whole file
        }

        private async Task ReadAsync(Stream body, HttpResponseMessage response, int upTo, CancellationToken cancellationToken)
        {
            if (_data.Length < upTo) Array.Resize(ref _data, upTo);
            // Some stacks (.NET Framework) ignore the token on body reads: dropping the response unblocks them.
            using (cancellationToken.Register(response.Dispose))
            {
                while (Count < upTo)
                {
                    int n = await body.ReadAsync(_data, Count, upTo - Count, cancellationToken).ConfigureAwait(false);
                    if (n == 0) return;
                    Count += n;
                    BytesRead += n;
                }
            }
        }

        private async Task SkipAsync(int count, CancellationToken cancellationToken)
        {
            var scratch = new byte[Math.Min(Math.Max(count, 1), 64 * 1024)];
            using (cancellationToken.Register(_whole!.Dispose))
            {
                for (int left = count; left > 0;)
                {
                    int n = await _wholeBody!.ReadAsync(scratch, 0, Math.Min(left, scratch.Length), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        EndAt(count - left);
                        return;
                    }
                    left -= n;
                    BytesRead += n;
                }
            }
        }

        /// <summary>The body ended here: the file's size is known even when the host did not say it.</summary>
        private void EndAt(long size)
        {
            _ended = true;
            if (!TotalBytes.HasValue) TotalBytes = size;
        }

        /// <summary>One request (GET with a range, or HEAD), following redirects and retrying one transient refusal.</summary>
        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, long? from, long? to, CancellationToken cancellationToken)
        {
            bool retried = false;
            for (int hops = 0; ; )
            {
                var request = new HttpRequestMessage(method, Uri);
                if (from.HasValue) request.Headers.Range = new RangeHeaderValue(from, to);
                request.Headers.Accept.ParseAdd("image/webp,image/png,image/jpeg,image/*;q=0.8,*/*;q=0.5");
                request.Headers.AcceptEncoding.ParseAdd("identity");
                _request?.Dispose();
                _request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _request.CancelAfter(_options.Timeout);
                var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _request.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (IsRedirect(status))
                {
                    Uri? location = response.Headers.Location;
                    response.Dispose();
                    if (location == null)
                        throw new ImageFetchException(ImageRules.Reachable, $"could not be read: the host answered HTTP {status} without saying where to; allowed: a URL that serves the image.");
                    if (++hops > _options.MaxRedirects)
                        throw new ImageFetchException(ImageRules.Reachable, $"could not be read: it redirected more than {_options.MaxRedirects} times; allowed: a URL that serves the image directly or after a few redirects.");
                    var next = location.IsAbsoluteUri ? location : new Uri(Uri, location);
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                        throw new ImageFetchException(ImageRules.Reachable, $"could not be read: it redirects to a {next.Scheme}: URL; allowed: http(s) only.");
                    Uri = next;
                    continue;
                }
                if (!retried && IsTransient(status))
                {
                    retried = true;
                    TimeSpan wait = RetryDelay(response);
                    response.Dispose();
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                return response;
            }
        }

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        private static bool IsTransient(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        private static TimeSpan RetryDelay(HttpResponseMessage response)
        {
            var retryAfter = response.Headers.RetryAfter;
            TimeSpan wait = retryAfter?.Delta ?? (retryAfter?.Date - DateTimeOffset.UtcNow) ?? TimeSpan.FromSeconds(1);
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            return wait > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : wait;
        }

        private static ImageFetchException Refusal(HttpResponseMessage response)
        {
            int status = (int)response.StatusCode;
            string answer = "HTTP " + status.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(response.ReasonPhrase) ? "" : $" ({response.ReasonPhrase})");
            if (status == 401 || status == 403)
                return new ImageFetchException(ImageRules.Anonymous,
                    $"needs credentials: the host answered {answer} to a request without any; allowed: a public URL anyone can download without signing in.");
            if (status == 404 || status == 410)
                return new ImageFetchException(ImageRules.Reachable, $"was not found: the host answered {answer}; allowed: a URL that serves the image.");
            return new ImageFetchException(ImageRules.Reachable, $"could not be downloaded: the host answered {answer}; allowed: a URL that serves the image.");
        }

        public void Dispose()
        {
            _whole?.Dispose();
            _request?.Dispose();
        }
    }
}
