using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Preflight
{
    /// <summary>
    /// Checks one reference image URL against the service's rules by reading only its first bytes:
    /// reachable without credentials, JPEG/PNG/WEBP by its bytes, at most 10 MB, short side ≥ 400 px.
    /// </summary>
    internal sealed class ReferenceImageProbe
    {
        private readonly HttpClient _client;
        private readonly PreflightOptions _options;

        public ReferenceImageProbe(HttpClient client, PreflightOptions options)
        {
            _client = client;
            _options = options;
        }

        /// <summary>Never throws for what the URL or host does; only the caller's cancellation ends it early.</summary>
        public async Task<ImageCheck> CheckAsync(string url, CancellationToken cancellationToken)
        {
            var check = new ImageCheck(url);
            if (!TryParse(url, check, out Uri uri)) return check;
            using var file = new RemoteFilePrefix(_client, _options, uri);
            try
            {
                await file.OpenAsync(cancellationToken).ConfigureAwait(false);
                check.Reachable = true;
                ImageHeader header = await ReadHeaderAsync(file, cancellationToken).ConfigureAwait(false);
                if (!file.TotalBytes.HasValue) await file.AskSizeAsync(cancellationToken).ConfigureAwait(false);
                Judge(check, header, file.TotalBytes, file.ContentType, _options);
            }
            catch (ImageFetchException e)
            {
                check.Fail(e.Rule, e.Message);
            }
            catch (Exception e) when (file.TimedOut && (e is OperationCanceledException || e is ObjectDisposedException || e is IOException || e is HttpRequestException))
            {
                cancellationToken.ThrowIfCancellationRequested();
                check.Fail(ImageRules.Reachable, $"did not answer within {_options.Timeout.TotalSeconds:0} s; allowed: a host that serves the image promptly.");
            }
            catch (HttpRequestException e)
            {
                check.Fail(ImageRules.Reachable, $"could not be reached: {Reason(e)}; allowed: a URL the service can download.");
            }
            catch (IOException e)
            {
                check.Fail(ImageRules.Reachable, $"could not be read: the connection broke ({e.Message}); allowed: a host that serves the whole file.");
            }
            finally
            {
                check.FinalUrl = file.Uri.AbsoluteUri;
                check.BytesRead = file.BytesRead;
                check.ContentType = file.ContentType;
            }
            return check;
        }

        /// <summary>Reads further ranges while the header needs them (a JPEG with big metadata first), up to MaxHeaderBytes.</summary>
        private async Task<ImageHeader> ReadHeaderAsync(RemoteFilePrefix file, CancellationToken cancellationToken)
        {
            ImageHeader header = ImageHeaderReader.Read(file.Data, file.Count, file.Complete);
            while (header.NeedBytes > 0 && !file.Complete && file.Count < _options.MaxHeaderBytes)
            {
                int before = file.Count;
                int upTo = Math.Min(_options.MaxHeaderBytes, Math.Max(header.NeedBytes, file.Count + _options.ChunkBytes));
                await file.GrowAsync(upTo, cancellationToken).ConfigureAwait(false);
                header = ImageHeaderReader.Read(file.Data, file.Count, file.Complete);
                if (file.Count == before) break;
            }
            return header;
        }

        /// <summary>
        /// The rules, from what the first bytes say and the file's size: shared by URLs and local files,
        /// so both are judged, and worded, alike.
        /// </summary>
        internal static void Judge(ImageCheck check, ImageHeader header, long? totalBytes, string? contentType, PreflightOptions options)
        {
            check.Format = header.Format;
            check.Variant = header.Variant;
            check.Bytes = totalBytes;
            switch (header.Problem)
            {
                case HeaderProblem.Unrecognised:
                    string servedAs = contentType == null ? "" : $" (served as {contentType})";
                    check.Fail(ImageRules.Format, $"is {header.Description}{servedAs}, not an image the service accepts; allowed: JPEG, PNG or WEBP, judged by the file's bytes, not its name.");
                    break;
                case HeaderProblem.Damaged:
                    check.Fail(ImageRules.Format, $"is {header.Description}; allowed: an intact JPEG, PNG or WEBP file.");
                    break;
                case HeaderProblem.SizeUnreadable:
                    check.Fail(ImageRules.MinShortSide, $"is {header.Description}, so its short side could not be checked; allowed: at least {options.MinShortSide} px, in a file whose size can be read.");
                    break;
                default:
                    if (header.HasSize) CheckShortSide(check, header, options);
                    else
                        check.Fail(ImageRules.MinShortSide, $"is a {header.Format} whose size is not within its first {Size(options.MaxHeaderBytes)}, so its short side could not be checked; allowed: at least {options.MinShortSide} px (re-save the image with less metadata).");
                    break;
            }
            if (totalBytes is long total && total > options.MaxBytes)
                check.Fail(ImageRules.MaxSize, $"is {Size(total)} ({total.ToString("N0", CultureInfo.InvariantCulture)} bytes); allowed: at most {Size(options.MaxBytes)} ({options.MaxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes).");
        }

        private static void CheckShortSide(ImageCheck check, ImageHeader header, PreflightOptions options)
        {
            check.Width = header.Width;
            check.Height = header.Height;
            int shortSide = Math.Min(header.Width, header.Height);
            if (shortSide < options.MinShortSide)
                check.Fail(ImageRules.MinShortSide, $"is {header.Width}x{header.Height} px, so its short side is {shortSide} px; allowed: at least {options.MinShortSide} px ({PreflightOptions.RecommendedShortSide} px or more recommended).");
        }

        private static bool TryParse(string url, ImageCheck check, out Uri uri)
        {
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            {
                check.Fail(ImageRules.Reachable, "is not an absolute http(s) URL; allowed: a public https:// URL of the image.");
                return false;
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                check.Fail(ImageRules.Anonymous, "carries a user name or password; allowed: a public URL anyone can download without signing in.");
                return false;
            }
            return true;
        }

        private static string Reason(HttpRequestException e)
        {
            Exception inner = e;
            while (inner.InnerException != null) inner = inner.InnerException;
            return inner == e ? e.Message : $"{e.Message} ({inner.Message})";
        }

        /// <summary>Sizes in binary units, named as the service names them: 1 MB = 1024 × 1024 bytes.</summary>
        internal static string Size(long bytes) =>
            bytes >= 1024 * 1024 ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
            : bytes >= 1024 ? (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB"
            : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
    }
}
