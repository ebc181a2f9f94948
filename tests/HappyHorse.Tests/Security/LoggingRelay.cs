using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace HappyHorse.Tests.Security;

/// <summary>
/// A host of its own on a loopback port that records every request it reads (headers included) and
/// relays it to a real server behind it, so a test can give the API, the video host and the image
/// host separate addresses and see which of them was sent the token. <c>rewrite</c> edits JSON
/// answers on the way back (e.g. to point video URLs at another relay).
/// </summary>
internal sealed class LoggingRelay : IAsyncDisposable
{
    private static readonly HttpClient Upstream = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private readonly RawHttpServer _server;
    private readonly Uri _upstream;
    private readonly Func<string, string>? _rewrite;

    public LoggingRelay(Uri upstreamRoot, Func<string, string>? rewrite = null)
    {
        _upstream = upstreamRoot;
        _rewrite = rewrite;
        _server = RawHttpServer.Start(Answer);
    }

    /// <summary>A host that answers 404 to everything and relays nothing: only its log matters.</summary>
    public static RawHttpServer Trap() => RawHttpServer.Start(RawAnswer.Http(404, "{\"error_code\":404001,\"error_message\":\"trap\"}"));

    public Uri RootUri => _server.RootUri;

    public Uri BaseUri => _server.BaseUri;

    public string Authority => RootUri.Authority;

    public IReadOnlyList<RawRequest> Requests => _server.Requests;

    private RawAnswer Answer(RawRequest request) => RawAnswer.Async(async () =>
    {
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstream, request.Target));
        foreach (string name in new[] { "Authorization", "Range" })
            if (request.Header(name) is string value) forward.Headers.TryAddWithoutValidation(name, value);
        if (request.Method is "POST" or "PUT") forward.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        using var answer = await Upstream.SendAsync(forward);
        byte[] body = await answer.Content.ReadAsByteArrayAsync();
        string type = answer.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        if (_rewrite != null && type.Contains("json", StringComparison.OrdinalIgnoreCase))
            body = Encoding.UTF8.GetBytes(_rewrite(Encoding.UTF8.GetString(body)));

        var head = new StringBuilder($"HTTP/1.1 {(int)answer.StatusCode} Relayed\r\nContent-Type: {type}\r\n");
        head.Append($"Content-Length: {(request.Method == "HEAD" ? answer.Content.Headers.ContentLength ?? 0 : body.Length)}\r\n");
        if (answer.Content.Headers.ContentRange is { } range) head.Append($"Content-Range: {range}\r\n");
        head.Append("Accept-Ranges: bytes\r\nConnection: close\r\n\r\n");
        byte[] top = Encoding.ASCII.GetBytes(head.ToString());
        return RawAnswer.Bytes(request.Method == "HEAD" ? top : top.Concat(body).ToArray());
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
