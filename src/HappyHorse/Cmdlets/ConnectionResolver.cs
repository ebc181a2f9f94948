using System;
using System.Management.Automation;
using System.Security;
using HappyHorse.Api;

namespace HappyHorse.Cmdlets
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
