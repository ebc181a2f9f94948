using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HappyHorse.Core.Tests.Download;

/// <summary>
/// Answers for a raw loopback "CDN" serving one file: a correct ranged server by default, and the
/// broken ones downloads meet in the wild (cut bodies, ignored ranges, wrong ranges, HTML pages).
/// </summary>
internal static class FakeCdn
{
    public static byte[] Content(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)(i % 251);
        return bytes;
    }

    /// <summary>RFC 9110 behaviour: 200 without Range, 206 with Content-Range for "bytes=N-", 416 past the end.</summary>
    public static RawAnswer Serve(RawRequest request, byte[] content, int? cutAfter = null, params string[] headers)
    {
        long start = RangeStart(request);
        if (start >= content.Length)
            return RawAnswer.Http(416, Array.Empty<byte>(), "video/mp4", Append(headers, $"Content-Range: bytes */{content.Length}"));
        if (start > 0)
            return Partial(206, content, (int)start, cutAfter, Append(headers, $"Content-Range: bytes {start}-{content.Length - 1}/{content.Length}"));
        return Partial(200, content, 0, cutAfter, headers);
    }

    /// <summary>Announces the full length from <paramref name="start"/> but may close after <paramref name="cutAfter"/> bytes.</summary>
    public static RawAnswer Partial(int status, byte[] content, int start, int? cutAfter, params string[] headers)
    {
        int length = content.Length - start;
        int send = cutAfter.HasValue ? Math.Min(cutAfter.Value, length) : length;
        var head = new StringBuilder($"HTTP/1.1 {status} X\r\nContent-Type: video/mp4\r\nContent-Length: {length}\r\nAccept-Ranges: bytes\r\n");
        foreach (string h in headers) head.Append(h).Append("\r\n");
        head.Append("Connection: close\r\n\r\n");
        byte[] top = Encoding.ASCII.GetBytes(head.ToString());
        var all = new byte[top.Length + send];
        Buffer.BlockCopy(top, 0, all, 0, top.Length);
        Buffer.BlockCopy(content, start, all, top.Length, send);
        return RawAnswer.Bytes(all);
    }

    public static long RangeStart(RawRequest request)
    {
        string? range = request.Header("Range");
        if (range == null || !range.StartsWith("bytes=", StringComparison.Ordinal)) return 0;
        string first = range.Substring(6).Split('-')[0];
        return long.Parse(first, CultureInfo.InvariantCulture);
    }

    private static string[] Append(string[] headers, string extra)
    {
        var list = new List<string>(headers) { extra };
        return list.ToArray();
    }
}
