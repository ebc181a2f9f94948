using System;
using System.Management.Automation;
using System.Security;
using HappyHorse.Api;
using HappyHorse.Records;

namespace HappyHorse.Session
{
    /// <summary>Where the token and base URI come from: parameter, then Connect-HHService, then the environment.</summary>
    internal static class ConnectionResolver
    {
        public const string TokenVariable = "RUNCOMFY_TOKEN";
        public const string BaseVariable = "RUNCOMFY_MODEL_API_BASE";

        public static Uri ResolveBaseUri(string? parameter, out string source)
        {
            string? text = parameter;
            source = "-BaseUri";
            if (string.IsNullOrWhiteSpace(text)) { text = SessionConnection.Current?.BaseUri; source = "Connect-HHService"; }
            if (string.IsNullOrWhiteSpace(text)) { text = Environment.GetEnvironmentVariable(BaseVariable); source = BaseVariable; }
            if (string.IsNullOrWhiteSpace(text)) { text = RunComfyClient.DefaultBaseUri; source = "default"; }
            return ParseBaseUri(text!);
        }

        public static Uri ParseBaseUri(string text)
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
                throw new ArgumentException($"BaseUri '{text}' is not an absolute http(s) URL; expected e.g. {RunComfyClient.DefaultBaseUri}.");
            return uri;
        }

        /// <summary>What a piped object says the API is (its BaseUri property, as text), or null when it says nothing.</summary>
        public static string? ClaimedBaseUri(PSObject? row) =>
            row == null || row.BaseObject is string ? null : Claim(Binding.RowProperties.Named(row, "BaseUri"));

        /// <summary>The API a BaseUri cell or property names, as text; null when it names none.</summary>
        public static string? Claim(PSPropertyInfo? property)
        {
            if (property == null) return null;
            object? value;
            try { value = property.Value; }
            catch (GetValueException) { return null; }
            if (value is PSObject p) value = p.BaseObject;
            string? text = value is Uri uri ? uri.OriginalString : value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        /// <summary>True when <paramref name="claimed"/> is the same API base as <paramref name="api"/> (a trailing slash aside).</summary>
        public static bool SameApi(string claimed, Uri api) =>
            Uri.TryCreate(claimed.Trim(), UriKind.Absolute, out var uri)
            && string.Equals(uri.AbsoluteUri.TrimEnd('/'), api.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

        public static ErrorRecord InsecureError(string problem, Uri baseUri) => ErrorRecords.Create("InsecureBaseUri", ErrorCategory.SecurityError,
            Input.ShownValue.Url(baseUri.AbsoluteUri), problem + " Nothing was sent.",
            "Use the API's https:// address. Plain http is only for an API on this machine (e.g. the emulator on http://127.0.0.1), reached directly or through a proxy on this machine.");

        /// <summary>The token, or null when none of the three ways gave one.</summary>
        public static ApiCredential? ResolveToken(SecureString? parameter, out string source)
        {
            source = "-Token";
            if (parameter != null && parameter.Length > 0) return new ApiCredential(parameter);
            var session = SessionConnection.Current?.Token;
            source = "Connect-HHService";
            if (session != null && session.Length > 0) return new ApiCredential(session);
            string? env = Environment.GetEnvironmentVariable(TokenVariable);
            source = TokenVariable;
            if (!string.IsNullOrWhiteSpace(env)) return ApiCredential.FromPlainText(env!.Trim());
            source = "none";
            return null;
        }

        public static ErrorRecord NoTokenError() => new ErrorRecord(
            new InvalidOperationException(
                "No RunComfy token was found. Give one in any of three ways: the -Token parameter; " +
                "Connect-HHService -Token <token> once per session; or the environment variable " + TokenVariable + "."),
            "HappyHorse.NoToken", ErrorCategory.AuthenticationError, null)
        {
            ErrorDetails = new ErrorDetails("No RunComfy token: pass -Token, run Connect-HHService -Token <token>, or set $env:" + TokenVariable + ".")
            {
                RecommendedAction = "Pass -Token, run Connect-HHService, or set the RUNCOMFY_TOKEN environment variable.",
            },
        };
    }
}
