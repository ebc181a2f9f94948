using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HappyHorse.Tests.Shared;

/// <summary>One request as the raw server read it.</summary>
internal sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>
/// What the raw server does with a connection once it has read the request: write any bytes at all
/// (broken HTTP included), hang, or stream a body that never ends. Every answer closes the connection.
/// </summary>
internal sealed class RawAnswer
{
    private readonly Func<Stream, CancellationToken, Task> _write;

    private RawAnswer(Func<Stream, CancellationToken, Task> write) => _write = write;

    public Task WriteAsync(Stream stream, CancellationToken cancellationToken) => _write(stream, cancellationToken);

    /// <summary>Anything at all, e.g. part of a body and then silence.</summary>
    public static RawAnswer Custom(Func<Stream, CancellationToken, Task> write) => new(write);

    public static RawAnswer Bytes(byte[] bytes) => new((s, ct) => s.WriteAsync(bytes, 0, bytes.Length, ct));

    public static RawAnswer Text(string raw) => Bytes(Encoding.UTF8.GetBytes(raw));

    /// <summary>A well-formed answer with Content-Length; <paramref name="headers"/> are extra "Name: value" lines.</summary>
    public static RawAnswer Http(int status, string body, string contentType = "application/json", params string[] headers) =>
        Http(status, Encoding.UTF8.GetBytes(body), contentType, headers);

    public static RawAnswer Http(int status, byte[] body, string contentType, params string[] headers) =>
        Bytes(Concat(Head(status, headers.Append($"Content-Type: {contentType}").Append($"Content-Length: {body.Length}")), body));

    public static RawAnswer Json(string body, int status = 200) => Http(status, body);

    /// <summary>No Content-Length: the body ends when the connection closes (valid HTTP/1.1, nothing says it was cut).</summary>
    public static RawAnswer CloseDelimited(int status, string body, string contentType = "application/json") =>
        Bytes(Concat(Head(status, new[] { $"Content-Type: {contentType}" }), Encoding.UTF8.GetBytes(body)));

    /// <summary>Declares more bytes than it sends, then closes: the body is provably cut short.</summary>
    public static RawAnswer ShortBody(int status, string body, int declaredLength) =>
        Bytes(Concat(Head(status, new[] { "Content-Type: application/json", $"Content-Length: {declaredLength}" }), Encoding.UTF8.GetBytes(body)));

    /// <summary>Chunked, one chunk, and a Content-Length that understates it: the chunks frame the body (RFC 9112 6.3).</summary>
    public static RawAnswer ChunkedWithShortLength(string body, int declaredLength)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        byte[] chunk = Concat(Encoding.ASCII.GetBytes(bytes.Length.ToString("x") + "\r\n"), Concat(bytes, Encoding.ASCII.GetBytes("\r\n0\r\n\r\n")));
        return Bytes(Concat(Head(200, new[] { "Content-Type: application/json", "Transfer-Encoding: chunked", $"Content-Length: {declaredLength}" }), chunk));
    }

    public static RawAnswer Gzip(int status, byte[] plain)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(plain, 0, plain.Length);
        return Http(status, packed.ToArray(), "application/json", "Content-Encoding: gzip");
    }

    /// <summary>A JSON-typed body of <paramref name="length"/> bytes (or endless when null), written in 64 KiB slices until the client stops reading.</summary>
    public static RawAnswer Huge(long? length) => new(async (s, ct) =>
    {
        var head = length.HasValue
            ? Head(200, new[] { "Content-Type: application/json", $"Content-Length: {length.Value}" })
            : Head(200, new[] { "Content-Type: application/json", "Transfer-Encoding: chunked" });
        await s.WriteAsync(head, 0, head.Length, ct);
        byte[] slice = Encoding.ASCII.GetBytes("{\"pad\":\"" + new string('x', 64 * 1024 - 10) + "\"}");
        byte[] chunkHead = Encoding.ASCII.GetBytes($"{slice.Length:X}\r\n");
        byte[] crlf = Encoding.ASCII.GetBytes("\r\n");
        for (long sent = 0; !length.HasValue || sent < length.Value; sent += slice.Length)
        {
            int take = length.HasValue ? (int)Math.Min(slice.Length, length.Value - sent) : slice.Length;
            if (!length.HasValue) await s.WriteAsync(chunkHead, 0, chunkHead.Length, ct);
            await s.WriteAsync(slice, 0, take, ct);
            if (!length.HasValue) await s.WriteAsync(crlf, 0, crlf.Length, ct);
        }
    });

    /// <summary>An answer that takes asynchronous work to make (e.g. a forward proxy asking the real server).</summary>
    public static RawAnswer Async(Func<Task<RawAnswer>> make) => new(async (s, ct) => await (await make()).WriteAsync(s, ct));

    /// <summary>Slowloris: a status line and headers promising a body, then not one byte more.</summary>
    public static RawAnswer HeadersThenHang(int status = 200) => new(async (s, ct) =>
    {
        byte[] head = Head(status, new[] { "Content-Type: application/json", "Content-Length: 100" });
        await s.WriteAsync(head, 0, head.Length, ct);
        await s.FlushAsync(ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    /// <summary>A body that never ends, one byte every 50 ms: each read succeeds, the answer never completes.</summary>
    public static RawAnswer Trickle { get; } = TrickleDeclaring(1_000_000);

    /// <summary>Declares a body of <paramref name="length"/> bytes, then sends a space every 50 ms for ever.</summary>
    public static RawAnswer TrickleDeclaring(int length) => new(async (s, ct) =>
    {
        byte[] head = Head(200, new[] { "Content-Type: application/json", "Content-Length: " + length });
        await s.WriteAsync(head, 0, head.Length, ct);
        for (byte[] space = { (byte)' ' }; ; await Task.Delay(50, ct))
        {
            await s.WriteAsync(space, 0, 1, ct);
            await s.FlushAsync(ct);
        }
    });

    /// <summary>Reads the request, then says nothing until the server is disposed.</summary>
    public static RawAnswer Hang { get; } = new((s, ct) => Task.Delay(Timeout.Infinite, ct));

    /// <summary>Reads the request, then closes the connection without a byte of answer.</summary>
    public static RawAnswer Close { get; } = new((s, ct) => Task.CompletedTask);

    private static byte[] Head(int status, IEnumerable<string> headers) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {Reason(status)}\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "Connection: close\r\n\r\n");

    private static string Reason(int status) => status switch
    {
        200 => "OK", 202 => "Accepted", 204 => "No Content", 301 => "Moved Permanently", 302 => "Found", 307 => "Temporary Redirect",
        400 => "Bad Request", 401 => "Unauthorized", 404 => "Not Found", 422 => "Unprocessable Entity", 429 => "Too Many Requests",
        500 => "Internal Server Error", 502 => "Bad Gateway", 503 => "Service Unavailable", 504 => "Gateway Timeout",
        _ => "Whatever",
    };

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var all = new byte[a.Length + b.Length];
        Buffer.BlockCopy(a, 0, all, 0, a.Length);
        Buffer.BlockCopy(b, 0, all, a.Length, b.Length);
        return all;
    }
}

/// <summary>
/// A loopback HTTP/1.1 server on a TcpListener: it parses just enough of a request to record it, then
/// writes whatever the test asks for, so answers no real framework would send can be sent.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawRequest, RawAnswer> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RawRequest> _requests = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _acceptLoop;

    private RawHttpServer(Func<RawRequest, RawAnswer> answer)
    {
        _answer = answer;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public static RawHttpServer Start(Func<RawRequest, RawAnswer> answer) => new(answer);

    public static RawHttpServer Start(RawAnswer always) => new(_ => always);

    public int Port { get; }

    public Uri RootUri => new($"http://127.0.0.1:{Port}");

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/v1");

    public IReadOnlyList<RawRequest> Requests => _requests.ToArray();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return; // stopped
            }
            Task connection = ServeAsync(client);
            _connections.TryAdd(connection, true);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                RawRequest? request = await ReadRequestAsync(stream, _stop.Token);
                if (request == null) return;
                _requests.Enqueue(request);
                await _answer(request).WriteAsync(stream, _stop.Token);
                await stream.FlushAsync(_stop.Token);
                client.Client.Shutdown(SocketShutdown.Send); // a clean end of the answer
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is OperationCanceledException || e is ObjectDisposedException)
            {
                // The client went away (refused a huge body, timed out) or the server is stopping.
            }
        }
    }

    private static async Task<RawRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, 0, 1, cancellationToken) == 0) return null;
            head.Add(one[0]);
            int n = head.Count;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n') break;
        }

        string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        byte[] body = Array.Empty<byte>();
        if (headers.TryGetValue("Content-Length", out string? length) && int.TryParse(length, out int size) && size > 0)
        {
            body = new byte[size];
            int read = 0;
            while (read < size)
            {
                int got = await stream.ReadAsync(body, read, size - read, cancellationToken);
                if (got == 0) return null;
                read += got;
            }
        }
        return new RawRequest(requestLine[0], requestLine.Length > 1 ? requestLine[1] : "", headers, Encoding.UTF8.GetString(body));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await Task.WhenAll(_connections.Keys.Append(_acceptLoop)).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A connection stuck in a write; the sockets are closed with the process.
        }
        _stop.Dispose();
    }
}
