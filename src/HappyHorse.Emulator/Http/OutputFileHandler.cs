using HappyHorse.Emulator.Outputs;
using HappyHorse.Emulator.Simulation;

namespace HappyHorse.Emulator.Http;

/// <summary>
/// GET/HEAD /files/{request_id}.mp4 — stands in for the public CDN: no token needed, Range supported.
/// A token sent here is counted, because a client must never leak it to an output host.
/// </summary>
internal static class OutputFileHandler
{
    public static async Task HandleAsync(HttpContext context, EmulatorState state)
    {
        FaultKind? fault = await RequestPipeline.EnterAsync(context, state, EmulatorEndpoint.Download);
        try
        {
            if (context.Request.Headers.ContainsKey("Authorization")) state.Accounting.DownloadWithAuthorization();
            if (context.Request.Headers.ContainsKey("Range")) state.Accounting.RangedDownload();
            if (fault is { } early && await RequestPipeline.AnswerEarlyFaultAsync(context, state, early)) return;

            string file = (string?)context.Request.RouteValues["file"] ?? "";
            string id = file.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) ? file[..^4] : file;
            if (state.Jobs.Find(id) is not { State: JobState.Succeeded })
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            bool synthetic = state.Options.LargeOutputBytes > 0;
            context.Response.ContentType = "video/mp4";
            await RangedBody.SendAsync(context, synthetic ? state.Options.LargeOutputBytes : SampleVideo.Bytes.Length, honourRanges: true,
                synthetic ? SyntheticOutput.Fill : (offset, span) => SampleVideo.Bytes.Span.Slice((int)offset, span.Length).CopyTo(span),
                written: null, cutHalfway: fault is FaultKind.DropAfterAccept or FaultKind.TruncatedJson);
        }
        finally
        {
            state.Accounting.RequestEnded();
        }
    }
}
