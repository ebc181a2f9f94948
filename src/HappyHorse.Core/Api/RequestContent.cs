using System.Net.Http;
using System.Net.Http.Headers;

namespace HappyHorse.Api
{
    /// <summary>
    /// A JSON request body that can be sent more than once: a retried submit needs a fresh
    /// <see cref="HttpContent"/> per attempt, and a streamed body is read again from its sources.
    /// </summary>
    internal abstract class RequestContent
    {
        /// <summary>Bytes on the wire, known before sending (sent as Content-Length).</summary>
        public abstract long Length { get; }

        /// <summary>The content of one attempt.</summary>
        public abstract HttpContent Create();

        public static RequestContent Json(byte[] body) => new JsonBytes(body);

        internal static MediaTypeHeaderValue JsonType => new MediaTypeHeaderValue("application/json");

        private sealed class JsonBytes : RequestContent
        {
            private readonly byte[] _body;

            public JsonBytes(byte[] body)
            {
                _body = body;
            }

            public override long Length => _body.Length;

            public override HttpContent Create()
            {
                var content = new ByteArrayContent(_body);
                content.Headers.ContentType = JsonType;
                return content;
            }
        }
    }
}
