using Microsoft.Extensions.Primitives;

namespace HappyHorse.Emulator.Http;

internal static class BearerAuth
{
    /// <summary>The accepted token of the request, or null when it is missing or unknown.</summary>
    public static string? Token(HttpContext context, EmulatorOptions options)
    {
        StringValues header = context.Request.Headers.Authorization;
        if (header.Count != 1) return null;
        string value = header[0]!;
        const string Scheme = "Bearer ";
        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        string token = value[Scheme.Length..].Trim();
        return token.Length > 0 && options.Tokens.Contains(token) ? token : null;
    }
}
