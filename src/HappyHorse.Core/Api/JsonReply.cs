using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HappyHorse.Api
{
    /// <summary>
    /// Turns an HTTP answer into a JSON object or a clear exception. Tolerant of what the API leaves
    /// undocumented (numbers as strings, ids as numbers), strict about what must be there.
    /// </summary>
    internal static class JsonReply
    {
        /// <summary>The answer's object, copied out of its document (for callers that keep it).</summary>
        public static JsonElement ParseObject(ApiResponse response, string what) => ReadObject(response, what, root => root.Clone());

        /// <summary>
        /// Checks the answer and hands its object to <paramref name="read"/> while the document is open:
        /// a poll reads three fields, and copying its whole document first was a second allocation of it.
        /// </summary>
        public static T ReadObject<T>(ApiResponse response, string what, Func<JsonElement, T> read) =>
            ReadObject(response, new ReplySubject(what), read, (root, readRoot) => readRoot(root));

        /// <summary>As above, with the reader given <paramref name="state"/>, so a poll needs no closure of its own.</summary>
        public static T ReadObject<TState, T>(ApiResponse response, ReplySubject what, TState state, Func<JsonElement, TState, T> read)
        {
            if (response.Status >= 300 && response.Status < 400)
                throw new RunComfyApiException(ApiErrorKind.InvalidResponse,
                    $"The server redirected {what} to '{response.Location?.GetLeftPart(UriPartial.Path)}' (HTTP {response.Status}); redirects are not followed so the token never reaches another host. Check -BaseUri.",
                    response.Status);

            if (response.Status == 407)
                throw new RunComfyApiException(ApiErrorKind.ProxyAuthentication,
                    $"A proxy refused {what} (HTTP 407 Proxy Authentication Required): it wants a user name and password it was not given, or refused the ones given.",
                    response.Status);

            JsonDocument doc;
            try
            {
                // Bytes that are not UTF-8 parse, and then fail on every string read: as before, such an
                // answer is read as its decoded text (bad bytes become U+FFFD) rather than as it came.
                doc = IsUtf8(response.Utf8) ? JsonDocument.Parse(response.Utf8) : JsonDocument.Parse(response.Body);
            }
            catch (JsonException)
            {
                throw new RunComfyApiException(
                    response.Status >= 400 ? ApiErrorCodes.Classify(null, response.Status) : ApiErrorKind.InvalidResponse,
                    $"The server answered {what} with HTTP {response.Status} and {Describe(response)} instead of JSON.",
                    response.Status);
            }

            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw new RunComfyApiException(ApiErrorKind.InvalidResponse,
                        $"The server answered {what} with HTTP {response.Status} and a JSON {root.ValueKind.ToString().ToLowerInvariant()} where an object was expected.",
                        response.Status);

                // RunComfy sometimes reports errors with HTTP 200: the body decides, not the status line.
                if (root.TryGetProperty("error_code", out var code) && code.ValueKind != JsonValueKind.Null)
                    throw FromErrorBody(root, code, response, what.ToString());

                if (response.Status >= 400)
                    throw new RunComfyApiException(ApiErrorCodes.Classify(null, response.Status),
                        $"The server answered {what} with HTTP {response.Status}: {Truncate(response.Body, 300)}", response.Status, retryAfter: response.RetryAfter);
                return read(root, state);
            }
        }

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        private static bool IsUtf8(ArraySegment<byte> bytes)
        {
            try
            {
                StrictUtf8.GetCharCount(bytes.Array!, bytes.Offset, bytes.Count);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        private static RunComfyApiException FromErrorBody(JsonElement root, JsonElement code, ApiResponse response, string what)
        {
            long? number = ReadLong(code);
            string message = GetString(root, "error_message") ?? GetString(root, "message") ?? "no message";
            var details = new List<string>();
            if (root.TryGetProperty("detail", out var detail))
            {
                if (detail.ValueKind == JsonValueKind.Array)
                    foreach (var item in detail.EnumerateArray()) details.Add(DescribeDetail(item));
                else if (detail.ValueKind != JsonValueKind.Null)
                    details.Add(DescribeDetail(detail));
            }

            string meaning = ApiErrorCodes.Describe(number);
            string text = $"RunComfy rejected {what}: error {(number?.ToString(CultureInfo.InvariantCulture) ?? code.ToString())}"
                + (meaning.Length > 0 ? $" ({meaning})" : "") + $": {Truncate(message, 500)}"
                + (details.Count > 0 ? " — " + string.Join("; ", details) : "");
            // An undocumented code that comes with per-field details is a validation failure, even on HTTP 200.
            var kind = ApiErrorCodes.Classify(number, response.Status);
            if (details.Count > 0 && (kind == ApiErrorKind.Other || kind == ApiErrorKind.InvalidInput)) kind = ApiErrorKind.InvalidInput;
            return new RunComfyApiException(kind, text, response.Status, number, details, response.RetryAfter);
        }

        private static string DescribeDetail(JsonElement item)
        {
            if (item.ValueKind == JsonValueKind.String) return Truncate(item.GetString() ?? "", 300);
            if (item.ValueKind == JsonValueKind.Object)
            {
                string? field = GetString(item, "field") ?? GetString(item, "loc");
                string? msg = GetString(item, "message") ?? GetString(item, "msg");
                if (msg != null) return Truncate(field != null ? field + ": " + msg : msg, 300);
            }
            return Truncate(item.GetRawText(), 300);
        }

        public static string? GetString(JsonElement obj, string name)
        {
            if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                JsonValueKind.Array when value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String => value[0].GetString(),
                _ => null,
            };
        }

        public static long? GetLong(JsonElement obj, string name) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? ReadLong(value) : null;

        public static double? GetDouble(JsonElement obj, string name)
        {
            if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d)) return d;
            if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
            return null;
        }

        public static DateTimeOffset? GetTime(JsonElement obj, string name)
        {
            if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.String &&
                DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                return t;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long epoch))
                return epoch > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
            return null;
        }

        private static long? ReadLong(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n)) return n;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d)) return (long)d;
            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
            return null;
        }

        private static string Describe(ApiResponse response)
        {
            string body = response.Body.Trim();
            if (body.Length == 0) return "an empty body";
            if (response.MediaType?.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0 || body.StartsWith("<", StringComparison.Ordinal))
            {
                int start = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
                int end = start >= 0 ? body.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase) : -1;
                return end > start ? $"an HTML page titled '{Truncate(body.Substring(start + 7, end - start - 7).Trim(), 120)}'" : "an HTML page";
            }
            if (body.StartsWith("{", StringComparison.Ordinal) || body.StartsWith("[", StringComparison.Ordinal))
                return $"truncated or malformed JSON ({body.Length} bytes)";
            return $"'{Truncate(body, 120)}'";
        }

        /// <summary>Server text as an error message may show it: bounded, and with control characters spelled out so an answer cannot drive the console.</summary>
        private static string Truncate(string text, int max)
        {
            var shown = new System.Text.StringBuilder(Math.Min(text.Length, max) + 8);
            int i = 0;
            for (; i < text.Length && i < max; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) shown.Append(c).Append(text[++i]);
                else if (char.IsSurrogate(c)) shown.Append('?');
                else if (char.IsControl(c) && c != '\n') shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                else shown.Append(c);
            }
            return i >= text.Length ? shown.ToString() : shown + "…";
        }
    }
}
