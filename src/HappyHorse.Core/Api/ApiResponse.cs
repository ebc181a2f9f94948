using System;

namespace HappyHorse.Api
{
    /// <summary>An HTTP answer read in full (bounded), before any JSON is trusted.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(int status, string? mediaType, string body, TimeSpan? retryAfter, Uri? location)
        {
            Status = status;
            MediaType = mediaType;
            Body = body;
            RetryAfter = retryAfter;
            Location = location;
        }

        public int Status { get; }
        public string? MediaType { get; }
        public string Body { get; }
        public TimeSpan? RetryAfter { get; }
        public Uri? Location { get; }
    }
}
