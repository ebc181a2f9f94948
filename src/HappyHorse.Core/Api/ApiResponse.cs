using System;
using System.Text;

namespace HappyHorse.Api
{
    /// <summary>An HTTP answer read in full (bounded), before any JSON is trusted.</summary>
    internal sealed class ApiResponse
    {
        private string? _body;

        /// <param name="utf8">The body as it came, byte order mark removed; parsed as it is, decoded to text only when a message shows it.</param>
        public ApiResponse(int status, string? mediaType, ArraySegment<byte> utf8, TimeSpan? retryAfter, Uri? location)
        {
            Status = status;
            MediaType = mediaType;
            Utf8 = utf8;
            RetryAfter = retryAfter;
            Location = location;
        }

        public int Status { get; }

        /// <summary>The Content-Type's media type, read only for a body that does not open a JSON object (null otherwise).</summary>
        public string? MediaType { get; }

        public ArraySegment<byte> Utf8 { get; }

        /// <summary>The body as text, for messages: a poll's answer that parses is never decoded (it was a kilobyte of string each).</summary>
        public string Body => _body ??= Encoding.UTF8.GetString(Utf8.Array!, Utf8.Offset, Utf8.Count);

        public TimeSpan? RetryAfter { get; }
        public Uri? Location { get; }
    }
}
