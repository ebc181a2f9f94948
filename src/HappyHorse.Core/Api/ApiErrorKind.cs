namespace HappyHorse.Api
{
    /// <summary>What went wrong, in terms a caller can act on (retry, fix input, fix token...).</summary>
    internal enum ApiErrorKind
    {
        Authentication,
        Forbidden,
        NotFound,
        InvalidModel,
        InsufficientBalance,
        InvalidInput,
        RateLimited,
        ServerError,
        InvalidResponse,
        Network,
        Timeout,
        /// <summary>A submit was sent but no answer came back: the job may or may not exist.</summary>
        OutcomeUnknown,
        Other,
        /// <summary>A proxy between here and RunComfy wants (other) credentials: HTTP 407.</summary>
        ProxyAuthentication,
    }
}
