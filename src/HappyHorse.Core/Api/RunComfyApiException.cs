using System;
using System.Collections.Generic;

namespace HappyHorse.Api
{
    /// <summary>Any failure talking to the Model API, with what the server said when it said anything.</summary>
    internal sealed class RunComfyApiException : Exception
    {
        public RunComfyApiException(ApiErrorKind kind, string message, int? httpStatus = null, long? errorCode = null,
            IReadOnlyList<string>? details = null, TimeSpan? retryAfter = null, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            HttpStatus = httpStatus;
            ErrorCode = errorCode;
            Details = details ?? Array.Empty<string>();
            RetryAfter = retryAfter;
        }

        public ApiErrorKind Kind { get; }
        public int? HttpStatus { get; }
        public long? ErrorCode { get; }
        public IReadOnlyList<string> Details { get; }
        public TimeSpan? RetryAfter { get; }

        /// <summary>What the user can do about it; shown as the recommended action of an error record.</summary>
        public string Advice => Kind switch
        {
            ApiErrorKind.ProxyAuthentication => "Give the proxy's user name and password with -ProxyCredential (or check them).",
            ApiErrorKind.Authentication => "Check the token: pass -Token, run Connect-HHService, or set RUNCOMFY_TOKEN.",
            ApiErrorKind.Forbidden => "This request belongs to another account; use the token that submitted it.",
            ApiErrorKind.NotFound => "Check the request id; RunComfy forgets requests after some time.",
            ApiErrorKind.InvalidModel => "Check -Model: it must be a RunComfy model id such as happyhorse/happyhorse-1.0/reference-to-video.",
            ApiErrorKind.InsufficientBalance => "Top up the RunComfy account balance, then run again.",
            ApiErrorKind.InvalidInput => "Fix the fields named in the message and run again.",
            ApiErrorKind.RateLimited => "Lower -ThrottleLimit or wait, then run again.",
            ApiErrorKind.OutcomeUnknown => "The job may exist and be charged: check the RunComfy dashboard or the journal before submitting this row again.",
            ApiErrorKind.Timeout or ApiErrorKind.Network or ApiErrorKind.ServerError => "The service or network is unwell; run again later.",
            _ => "Run again with -Verbose for details.",
        };
    }
}
