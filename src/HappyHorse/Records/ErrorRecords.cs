using System;
using System.Management.Automation;
using HappyHorse.Api;

namespace HappyHorse.Records
{
    /// <summary>Builds the module's error records: a stable id, a category, the target, and what to do.</summary>
    internal static class ErrorRecords
    {
        /// <param name="subject">Who it happened to, e.g. "Row 3 (beach-wave)": put before the API's message.</param>
        public static ErrorRecord FromApi(RunComfyApiException ex, string operation, object? target, string? subject = null)
        {
            var record = new ErrorRecord(ex, "HappyHorse." + operation + "." + ex.Kind, Category(ex.Kind), target);
            record.ErrorDetails = new ErrorDetails(subject == null ? ex.Message : subject + ": " + ex.Message) { RecommendedAction = ex.Advice };
            return record;
        }

        public static ErrorRecord Create(string id, ErrorCategory category, object? target, string message, string? advice = null)
        {
            var record = new ErrorRecord(new InvalidOperationException(message), "HappyHorse." + id, category, target);
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice ?? "" };
            return record;
        }

        public static ErrorCategory Category(ApiErrorKind kind) => kind switch
        {
            ApiErrorKind.Authentication or ApiErrorKind.ProxyAuthentication => ErrorCategory.AuthenticationError,
            ApiErrorKind.Forbidden => ErrorCategory.PermissionDenied,
            ApiErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            ApiErrorKind.InvalidModel => ErrorCategory.InvalidArgument,
            ApiErrorKind.InsufficientBalance => ErrorCategory.QuotaExceeded,
            ApiErrorKind.InvalidInput => ErrorCategory.InvalidData,
            ApiErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
            ApiErrorKind.Timeout => ErrorCategory.OperationTimeout,
            ApiErrorKind.Network => ErrorCategory.ConnectionError,
            ApiErrorKind.ServerError => ErrorCategory.ConnectionError,
            ApiErrorKind.InvalidResponse => ErrorCategory.InvalidResult,
            ApiErrorKind.OutcomeUnknown => ErrorCategory.OperationTimeout,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
