namespace HappyHorse.Api
{
    /// <summary>RunComfy's documented error codes and what they mean to a caller.</summary>
    internal static class ApiErrorCodes
    {
        public const long InvalidModel = 400001;
        public const long NoBalance = 400002;
        public const long InvalidToken = 400004;
        public const long Forbidden = 403001;
        public const long UnknownRequest = 404001;

        public static ApiErrorKind Classify(long? code, int httpStatus)
        {
            switch (code)
            {
                case InvalidModel: return ApiErrorKind.InvalidModel;
                case NoBalance: return ApiErrorKind.InsufficientBalance;
                case InvalidToken: return ApiErrorKind.Authentication;
                case Forbidden: return ApiErrorKind.Forbidden;
                case UnknownRequest: return ApiErrorKind.NotFound;
            }
            return httpStatus switch
            {
                401 => ApiErrorKind.Authentication,
                402 => ApiErrorKind.InsufficientBalance,
                403 => ApiErrorKind.Forbidden,
                404 => ApiErrorKind.NotFound,
                408 => ApiErrorKind.Timeout,
                400 or 422 => ApiErrorKind.InvalidInput,
                429 => ApiErrorKind.RateLimited,
                >= 500 => ApiErrorKind.ServerError,
                _ => ApiErrorKind.Other,
            };
        }

        public static string Describe(long? code) => code switch
        {
            InvalidModel => "unknown model id",
            NoBalance => "no balance left on the account",
            InvalidToken => "the token is invalid or expired, or the account is inactive",
            Forbidden => "the request belongs to another account",
            UnknownRequest => "unknown or expired request id",
            _ => "",
        };
    }
}
