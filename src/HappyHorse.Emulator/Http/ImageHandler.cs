using System.Globalization;
using System.Text;
using HappyHorse.Emulator.Images;
using HappyHorse.Emulator.Outputs;

namespace HappyHorse.Emulator.Http;

/// <summary>
/// GET/HEAD /images/{name}: a third-party image host for reference-image preflight. The query picks
/// the image and the host's behaviour (see <see cref="ImageSpec"/>). Bytes beyond the real image up
/// to <c>size</c> are zero padding made while streaming, so an "11 MB" image costs no memory, and
/// every byte written is counted so tests can prove a client did not download it.
/// </summary>
internal static class ImageHandler
{
    public static async Task HandleAsync(HttpContext context, EmulatorState state)
    {
        FaultKind? fault = await RequestPipeline.EnterAsync(context, state, EmulatorEndpoint.Image);
        try
        {
            bool authorized = context.Request.Headers.ContainsKey("Authorization");
            if (authorized) state.Accounting.ImageWithAuthorization();
            if (fault is { } early && await RequestPipeline.AnswerEarlyFaultAsync(context, state, early)) return;

            string name = (string?)context.Request.RouteValues["name"] ?? "";
            if (!ImageSpec.TryParse(name, context.Request.Query, out ImageSpec spec, out string error))
            {
                await TextAsync(context, StatusCodes.Status400BadRequest, "text/plain; charset=utf-8", error);
                return;
            }
            if (spec.Redirects > 0)
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = context.Request.Path + QueryWith(context.Request.Query, "redirect", (spec.Redirects - 1).ToString(CultureInfo.InvariantCulture));
                return;
            }
            if (spec.Status is { } status)
            {
                await TextAsync(context, status, "text/html; charset=utf-8", $"<html><body><h1>{status}</h1></body></html>");
                return;
            }
            if (spec.Auth == "forbidden" || (spec.Auth == "basic" && !authorized))
            {
                if (spec.Auth == "basic") context.Response.Headers.WWWAuthenticate = "Basic realm=\"images\"";
                await TextAsync(context, spec.Auth == "basic" ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
                    "text/html; charset=utf-8", "<html><body>Sign in first.</body></html>");
                return;
            }

            byte[] image = SyntheticImages.Create(spec.Kind, spec.Width, spec.Height);
            context.Response.ContentType = spec.ContentType ?? SyntheticImages.ContentType(spec.Kind);
            await RangedBody.SendAsync(context, spec.Size ?? image.Length, spec.Ranges, (offset, span) => Fill(image, offset, span),
                n => state.Accounting.ImageBytesWritten(n), cutHalfway: fault is FaultKind.DropAfterAccept or FaultKind.TruncatedJson);
        }
        finally
        {
            state.Accounting.RequestEnded();
        }
    }

    /// <summary>The file's bytes at <paramref name="offset"/>: the image, then zero padding (or cut short by a smaller size).</summary>
    private static void Fill(byte[] image, long offset, Span<byte> destination)
    {
        destination.Clear();
        if (offset < image.Length)
        {
            int n = (int)Math.Min(destination.Length, image.Length - offset);
            image.AsSpan((int)offset, n).CopyTo(destination);
        }
    }

    private static string QueryWith(IQueryCollection query, string key, string value)
    {
        var parts = new List<string>();
        foreach (var pair in query)
            if (!string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
                foreach (string? v in pair.Value) parts.Add(Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(v ?? ""));
        parts.Add(key + "=" + value);
        return "?" + string.Join("&", parts);
    }

    private static async Task TextAsync(HttpContext context, int status, string contentType, string text)
    {
        byte[] body = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
