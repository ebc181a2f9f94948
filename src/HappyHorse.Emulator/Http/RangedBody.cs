using System.Buffers;
using System.Globalization;
using HappyHorse.Emulator.Outputs;

namespace HappyHorse.Emulator.Http;

/// <summary>Writes the bytes of an output file at a given offset into a buffer (files are made while streaming).</summary>
internal delegate void FillBytes(long offset, Span<byte> destination);

/// <summary>
/// The file-serving half both hosts share (/files outputs and /images): Range → 206 or 416,
/// Content-Length, HEAD, the body streamed in fixed chunks, and an optional cut halfway.
/// </summary>
internal static class RangedBody
{
    private const int ChunkSize = 64 * 1024;

    /// <param name="honourRanges">False plays a host that ignores Range and always sends the whole file.</param>
    /// <param name="written">Told each chunk's size once it is handed to the connection.</param>
    /// <param name="cutHalfway">Abort after half the body: the client sees fewer bytes than Content-Length.</param>
    public static async Task SendAsync(HttpContext context, long length, bool honourRanges, FillBytes fill, Action<int>? written, bool cutHalfway)
    {
        HttpResponse response = context.Response;
        ByteRange? range = null;
        if (honourRanges)
        {
            response.Headers.AcceptRanges = "bytes";
            range = ByteRange.Parse(context.Request.Headers.Range, length, out bool satisfiable);
            if (!satisfiable)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{length}";
                return;
            }
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
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            // Kestrel discards writes after the client has gone instead of failing them: without this
            // check the loop (and the byte count) would run to the end of a file nobody reads.
            for (long offset = slice.Start; toSend > 0 && !context.RequestAborted.IsCancellationRequested;)
            {
                int n = (int)Math.Min(ChunkSize, toSend);
                fill(offset, buffer.AsSpan(0, n));
                await response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
                written?.Invoke(n);
                offset += n;
                toSend -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (cutHalfway)
        {
            await response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        }
    }
}
