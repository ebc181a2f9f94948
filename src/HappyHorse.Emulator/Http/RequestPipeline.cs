using System.Text;

namespace HappyHorse.Emulator.Http;

/// <summary>
/// What every counted endpoint goes through: accounting, added latency, then one seeded fault draw.
/// Faults that model a proxy or an overloaded front end answer before the handler runs (nothing was
/// accepted); DropAfterAccept and TruncatedJson let the handler do its work first, because the
/// dangerous case for a client is a job that exists although the answer never arrived intact.
/// </summary>
internal static class RequestPipeline
{
    public static async Task RunAsync(HttpContext context, EmulatorState state, EmulatorEndpoint endpoint, Func<HttpContext, Task<ApiResponse>> handler)
    {
        FaultKind? fault = await EnterAsync(context, state, endpoint);
        try
        {
            if (fault is { } early && await AnswerEarlyFaultAsync(context, state, early)) return;
            ApiResponse response;
            try
            {
                response = await handler(context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // No logging providers are configured; a bug in the emulator must still be visible.
                Console.Error.WriteLine($"emulator: {context.Request.Method} {context.Request.Path} failed: {e}");
                throw;
            }
            switch (fault)
            {
                case FaultKind.DropAfterAccept:
                    context.Abort();
                    return;
                case FaultKind.TruncatedJson:
                    await SendAsync(context, response with { Body = response.Body[..(response.Body.Length / 2)] }, declareLength: false);
                    return;
                default:
                    await SendAsync(context, response, declareLength: true);
                    return;
            }
        }
        finally
        {
            state.Accounting.RequestEnded();
        }
    }

    /// <summary>Counts the request, waits the configured latency and draws its fault. The caller must call RequestEnded.</summary>
    public static async Task<FaultKind?> EnterAsync(HttpContext context, EmulatorState state, EmulatorEndpoint endpoint)
    {
        state.Accounting.RequestStarted(endpoint);
        FaultSettings faults = state.Options.Faults;
        int latency = faults.EffectiveLatency(endpoint);
        if (latency > 0)
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up while we were "slow"; the handler still sees RequestAborted.
            }
        }
        return faults.AnyFault(endpoint) ? faults.Pick(endpoint, state.FaultDraws.NextDouble()) : null;
    }

    /// <summary>Answers the faults that happen before acceptance; false for those that happen after.</summary>
    public static async Task<bool> AnswerEarlyFaultAsync(HttpContext context, EmulatorState state, FaultKind fault)
    {
        switch (fault)
        {
            case FaultKind.DropBeforeAccept:
                context.Abort();
                return true;
            case FaultKind.RateLimit429:
                context.Response.Headers.RetryAfter = state.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await SendAsync(context, new ApiResponse(StatusCodes.Status429TooManyRequests, JsonBody.Object(w =>
                {
                    w.WriteNumber("error_code", 429001);
                    w.WriteString("error_message", "Too many requests, slow down.");
                })), declareLength: true);
                return true;
            case FaultKind.ServerError500Html:
                await SendHtmlAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error");
                return true;
            case FaultKind.BadGateway502Html:
                await SendHtmlAsync(context, StatusCodes.Status502BadGateway, "Bad Gateway");
                return true;
            case FaultKind.Unavailable503Html:
                await SendHtmlAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Temporarily Unavailable");
                return true;
            default:
                return false;
        }
    }

    public static async Task SendAsync(HttpContext context, ApiResponse response, bool declareLength)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (declareLength) context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private static async Task SendHtmlAsync(HttpContext context, int status, string title)
    {
        byte[] html = Encoding.UTF8.GetBytes(
            $"<html>\r\n<head><title>{status} {title}</title></head>\r\n<body>\r\n<center><h1>{status} {title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = html.Length;
        await context.Response.Body.WriteAsync(html, context.RequestAborted);
    }
}
