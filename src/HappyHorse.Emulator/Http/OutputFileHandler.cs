using System.Buffers;
using System.Globalization;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Emulator.Simulation;

namespace HappyHorse.Emulator.Http;

/// <summary>
/// GET/HEAD /files/{request_id}.mp4 — stands in for the public CDN: no token needed, Range supported.
/// A token sent here is counted, because a client must never leak it to an output host.
/// </summary>
internal static class OutputFileHandler
{
    private const int ChunkSize = 64 * 1024;

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

            long length = state.Options.LargeOutputBytes > 0 ? state.Options.LargeOutputBytes : SampleVideo.Bytes.Length;
            await ServeAsync(context, state.Options.LargeOutputBytes > 0, length, cutHalfway: fault is FaultKind.DropAfterAccept or FaultKind.TruncatedJson);
        }
        finally
        {
            state.Accounting.RequestEnded();
        }
    }

    private static async Task ServeAsync(HttpContext context, bool synthetic, long length, bool cutHalfway)
    {
        HttpResponse response = context.Response;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = "video/mp4";
        ByteRange? range = ByteRange.Parse(context.Request.Headers.Range, length, out bool satisfiable);
        if (!satisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{length}";
            return;
        }

        ByteRange slice = range ?? new ByteRange(0, length - 1);
        if (range is { } r)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {r.Start}-{r.End}/{length}");
        }
        response.ContentLength = slice.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;

        long toSend = cutHalfway ? slice.Length / 2 : slice.Length;
        if (synthetic) await StreamSyntheticAsync(response.Body, slice.Start, toSend, context.RequestAborted);
        else await response.Body.WriteAsync(SampleVideo.Bytes.Slice((int)slice.Start, (int)toSend), context.RequestAborted);

        if (cutHalfway)
        {
            await response.Body.FlushAsync(context.RequestAborted);
            context.Abort(); // the client sees a body shorter than Content-Length
        }
    }

    private static async Task StreamSyntheticAsync(Stream body, long offset, long count, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (count > 0)
            {
                int n = (int)Math.Min(ChunkSize, count);
                SyntheticOutput.Fill(offset, buffer.AsSpan(0, n));
                await body.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                offset += n;
                count -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
