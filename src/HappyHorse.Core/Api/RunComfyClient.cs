using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Api
{
    /// <summary>The Model API's endpoints, as typed calls. Knows nothing of PowerShell.</summary>
    internal sealed class RunComfyClient
    {
        public const string DefaultBaseUri = "https://model-api.runcomfy.net/v1";

        private readonly HttpTransport _transport;

        public RunComfyClient(Uri baseUri, ApiCredential credential, ClientOptions? options = null, Action<string>? log = null)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            options ??= ClientOptions.Default;
            // The last line of defence: whatever a caller resolved, the token never goes out in clear.
            string? cleartext = TransportSecurity.CleartextProblem(baseUri, options.Proxy);
            if (cleartext != null) throw new ArgumentException(cleartext, nameof(baseUri));
            BaseUri = new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/");
            _requestsPath = BaseUri.AbsolutePath + "requests/";
            _requestsUri = BaseUri.GetLeftPart(UriPartial.Path) + "requests/";
            _modelsPath = BaseUri.AbsolutePath + "models/";
            _authority = BaseUri.Authority;
            _transport = new HttpTransport(credential ?? throw new ArgumentNullException(nameof(credential)), options, log);
        }

        public Uri BaseUri { get; }

        /// <summary>Where every status, result and cancel URL, and every model URL, must lie; built once, not per poll.</summary>
        private readonly string _requestsPath, _requestsUri, _modelsPath, _authority;

        /// <summary>The credential this client sends; lets a job remember its token without exposing it.</summary>
        internal ApiCredential? Credential { get; set; }

        public Task<SubmitReceipt> SubmitAsync(string modelId, byte[] jsonBody, CancellationToken cancellationToken) =>
            SubmitAsync(modelId, RequestContent.Json(jsonBody), cancellationToken);

        public async Task<SubmitReceipt> SubmitAsync(string modelId, RequestContent jsonBody, CancellationToken cancellationToken)
        {
            var response = await _transport.SendAsync(HttpMethod.Post, ModelUri(modelId), jsonBody, isSubmit: true, cancellationToken).ConfigureAwait(false);
            JsonElement root;
            try
            {
                root = JsonReply.ParseObject(response, "the submit");
            }
            catch (RunComfyApiException ex) when (response.Status >= 200 && response.Status < 300 && ex.ErrorCode == null)
            {
                throw Unknown("its answer was not readable: " + ex.Message, ex);
            }

            string? requestId = JsonReply.GetString(root, "request_id");
            if (string.IsNullOrWhiteSpace(requestId))
                throw Unknown("its answer had no request_id", null);
            string? unusable = ApiIds.RequestIdProblem(requestId);
            if (unusable != null)
                throw Unknown("its answer had an unusable request_id (" + unusable + ")", null);
            return new SubmitReceipt(requestId!, ReadUri(root, "status_url"), ReadUri(root, "result_url"), ReadUri(root, "cancel_url"));
        }

        /// <summary>Not an async method of its own (one state machine less a poll); a refused id still comes back as a faulted task.</summary>
        public Task<StatusReply> GetStatusAsync(string requestId, CancellationToken cancellationToken)
        {
            Uri uri;
            try
            {
                uri = RequestUri(requestId, "status");
            }
            catch (Exception refused)
            {
                return Task.FromException<StatusReply>(refused);
            }
            return ReadObjectAsync(HttpMethod.Get, uri, "the status of ", requestId, ReadStatus, cancellationToken);
        }

        // Static, with the id passed in: a lambda capturing it was a closure and a delegate for every poll.
        private static readonly Func<JsonElement, string, StatusReply> ReadStatus = (root, requestId) =>
        {
            string? raw = JsonReply.GetString(root, "status");
            long? position = JsonReply.GetLong(root, "queue_position");
            return new StatusReply(ReplyId(root, requestId), JobStates.Normalize(raw), raw,
                position.HasValue ? (int?)Math.Max(0, Math.Min(int.MaxValue, position.Value)) : null);
        };

        public async Task<ResultReply> GetResultAsync(string requestId, bool includeCost, CancellationToken cancellationToken)
        {
            var uri = RequestUri(requestId, "result" + (includeCost ? "?include_cost=true" : ""));
            return await ReadObjectAsync(HttpMethod.Get, uri, "the result of ", requestId, Result, cancellationToken).ConfigureAwait(false);
        }

        private static ResultReply Result(JsonElement root, string requestId)
        {
            string word = JobStates.Normalize(JsonReply.GetString(root, "status"));
            var outputs = OutputReader.Read(root);
            string? error = ReadError(root);
            string status = JobStates.OfResult(word, outputs.Count > 0);
            if (status == JobStates.Failed && word == JobStates.Completed && error == null)
                error = "RunComfy reported the job 'completed' but sent neither an output nor an error: it ended without a video";
            return new ResultReply(
                ReplyId(root, requestId),
                status,
                outputs,
                JsonReply.GetTime(root, "created_at"),
                JsonReply.GetTime(root, "finished_at"),
                error,
                JsonReply.GetDouble(root, "cost"))
            { Word = word };
        }

        public async Task<CancelReply> CancelAsync(string requestId, CancellationToken cancellationToken)
        {
            return await ReadObjectAsync(HttpMethod.Post, RequestUri(requestId, "cancel"), "the cancel of ", requestId, (root, _) =>
            {
                string? rawStatus = JsonReply.GetString(root, "status");
                string status = JobStates.Normalize(rawStatus);
                string outcome = CancelReply.NormalizeOutcome(JsonReply.GetString(root, "outcome"), status);
                // An answer with only an outcome still says where the job stands when the cancel took effect.
                if (string.IsNullOrWhiteSpace(rawStatus)) status = outcome == CancelReply.Cancelled ? JobStates.Cancelled : "";
                return new CancelReply(ReplyId(root, requestId), status, outcome);
            }, cancellationToken).ConfigureAwait(false);
        }

        public Task<JsonElement> GetModelAsync(string modelId, CancellationToken cancellationToken) =>
            ReadObjectAsync(HttpMethod.Get, ModelUri(modelId), "the catalog entry of ", modelId, (root, _) => root.Clone(), cancellationToken);

        /// <summary>The model's list price from its catalog entry; null when the entry carries none.</summary>
        public async Task<ModelPrice?> GetModelPriceAsync(string modelId, CancellationToken cancellationToken)
        {
            var entry = await GetModelAsync(modelId, cancellationToken).ConfigureAwait(false);
            return ModelPrice.FromCatalog(modelId, entry);
        }

        /// <summary>
        /// Sends, then reads the answer's object with <paramref name="read"/> (given <paramref name="id"/>).
        /// What was asked is named as <paramref name="what"/> followed by the id, joined only for a message:
        /// every poll built that text, and only a failed one shows it.
        /// </summary>
        private async Task<T> ReadObjectAsync<T>(HttpMethod method, Uri uri, string what, string id, Func<JsonElement, string, T> read, CancellationToken cancellationToken)
        {
            var response = await _transport.SendAsync(method, uri, null, isSubmit: false, cancellationToken).ConfigureAwait(false);
            return JsonReply.ReadObject(response, new ReplySubject(what, id), id, read);
        }

        // A batch submits every row to the same model: its checked URL is kept, not re-parsed per row.
        private Tuple<string, Uri>? _lastModelUri;

        private Uri ModelUri(string modelId)
        {
            var last = Volatile.Read(ref _lastModelUri);
            if (last != null && string.Equals(last.Item1, modelId, StringComparison.Ordinal)) return last.Item2;
            var uri = CheckedModelUri(modelId);
            Volatile.Write(ref _lastModelUri, Tuple.Create(modelId, uri));
            return uri;
        }

        private Uri CheckedModelUri(string modelId)
        {
            string? problem = ApiIds.ModelProblem(modelId);
            if (problem != null) throw Refused(problem + ".", ApiErrorKind.InvalidModel);
            var segments = modelId.Trim('/').Split('/');
            for (int i = 0; i < segments.Length; i++) segments[i] = Uri.EscapeDataString(segments[i]);
            return Within(_modelsPath, new Uri(BaseUri, "models/" + string.Join("/", segments)));
        }

        private Uri RequestUri(string requestId, string tail)
        {
            string? problem = ApiIds.RequestIdProblem(requestId);
            if (problem != null) throw Refused(problem + ".", ApiErrorKind.InvalidInput);
            // Built as one absolute string: resolving a relative one against the base parses twice, which
            // with the check after it was a tenth of the HTTP core's own samples in a poll (perf, a tight loop).
            return Within(_requestsPath, new Uri(_requestsUri + Uri.EscapeDataString(requestId) + "/" + tail, UriKind.Absolute));
        }

        /// <summary>Belt and braces after the id checks: the URL must still lie under the API's folder.</summary>
        private Uri Within(string folderPath, Uri uri)
        {
            if (!uri.AbsolutePath.StartsWith(folderPath, StringComparison.Ordinal) || uri.Authority != _authority)
                throw Refused($"The request would leave {folderPath} ({uri.AbsolutePath}); it was not sent.", ApiErrorKind.InvalidInput);
            return uri;
        }

        private static RunComfyApiException Refused(string message, ApiErrorKind kind) => new RunComfyApiException(kind, message + " Nothing was sent.");

        /// <summary>The id the server echoes, which later calls will use: refused when it could not be used safely.</summary>
        private static string ReplyId(JsonElement root, string asked)
        {
            // The usual answer echoes the id asked about: compared in place, it costs no string per poll.
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("request_id", out var echoed)
                && echoed.ValueKind == JsonValueKind.String && echoed.ValueEquals(asked))
                return asked;
            string? given = JsonReply.GetString(root, "request_id");
            if (given == null) return asked;
            string? problem = ApiIds.RequestIdProblem(given);
            if (problem != null)
                throw new RunComfyApiException(ApiErrorKind.InvalidResponse, $"The server answered about {asked} with an unusable request_id: {problem}.");
            return given;
        }

        private static RunComfyApiException Unknown(string why, Exception? inner) =>
            new RunComfyApiException(ApiErrorKind.OutcomeUnknown,
                "The submit reached the server but " + why + ". The job may exist and may be charged; it was not sent again.", inner: inner);

        private static Uri? ReadUri(JsonElement root, string name) =>
            Uri.TryCreate(JsonReply.GetString(root, name), UriKind.Absolute, out var uri) ? uri : null;

        private static string? ReadError(JsonElement root)
        {
            if (!root.TryGetProperty("error", out var error)) return null;
            return error.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => error.GetString(),
                JsonValueKind.Object => JsonReply.GetString(error, "message") ?? JsonReply.GetString(error, "error_message") ?? error.GetRawText(),
                _ => error.GetRawText(),
            };
        }
    }
}
