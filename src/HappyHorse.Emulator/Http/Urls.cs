namespace HappyHorse.Emulator.Http;

/// <summary>Absolute URLs built from the Host the client used, so they work behind any binding (127.0.0.1, 0.0.0.0, a name).</summary>
internal static class Urls
{
    public static string Root(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    public static string Status(HttpContext context, string id) => $"{Root(context)}/v1/requests/{id}/status";

    public static string Result(HttpContext context, string id) => $"{Root(context)}/v1/requests/{id}/result";

    public static string Cancel(HttpContext context, string id) => $"{Root(context)}/v1/requests/{id}/cancel";

    public static string Output(HttpContext context, string id) => $"{Root(context)}/files/{id}.mp4";
}
