using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace HappyHorse.Tests.Shared;

/// <summary>
/// A corporate HTTP proxy in miniature: it reads absolute-URI requests (GET http://host/v1/... HTTP/1.1),
/// records them, asks for Basic credentials when told to, and forwards the rest to the real server.
/// </summary>
internal sealed class ForwardProxy : IAsyncDisposable
{
    private static readonly HttpClient Upstream = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private readonly RawHttpServer _server;
    private readonly string? _expected;

    public ForwardProxy(string? user = null, string? password = null)
    {
        _expected = user == null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        _server = RawHttpServer.Start(Answer);
    }

    public Uri Uri => _server.RootUri;

    /// <summary>Every request the proxy read, refused ones (407) included.</summary>
    public System.Collections.Generic.IReadOnlyList<RawRequest> Requests => _server.Requests;

    private RawAnswer Answer(RawRequest request)
    {
        if (_expected != null && request.Header("Proxy-Authorization") != _expected)
            return RawAnswer.Http(407, "proxy login needed", "text/plain", "Proxy-Authenticate: Basic realm=\"corp\"");
        if (!Uri.TryCreate(request.Target, UriKind.Absolute, out var target))
            return RawAnswer.Http(400, "not a proxy request: " + request.Target, "text/plain");
        return RawAnswer.Async(async () =>
        {
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), target);
            if (request.Header("Authorization") is string auth) forward.Headers.TryAddWithoutValidation("Authorization", auth);
            if (request.Method != "GET") forward.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
            using var answer = await Upstream.SendAsync(forward);
            byte[] body = await answer.Content.ReadAsByteArrayAsync();
            return RawAnswer.Http((int)answer.StatusCode, body, answer.Content.Headers.ContentType?.ToString() ?? "application/json");
        });
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
