using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using HappyHorse.Preflight;
using Xunit;

namespace HappyHorse.Core.Tests.Preflight;

/// <summary>One URL at a time against the emulator's image host: each rule, read from a few KiB at most.</summary>
public class ReferenceImageProbeTests : ImageHostTestBase
{
    private static Task<ImageCheck> CheckAsync(string url, PreflightOptions? options = null) =>
        new ReferenceImageProbe(ImageHttpClient.Client, options ?? new PreflightOptions()).CheckAsync(url, Bounded());

    private static ImageProblem SingleProblem(ImageCheck check, string rule)
    {
        var problem = Assert.Single(check.Problems);
        Assert.Equal(rule, problem.Rule);
        Assert.Contains(DisplayUrl.Of(check.Url), check.Describe());
        Assert.Contains(" fails " + rule + ": ", check.Describe());
        return problem;
    }

    [Theory]
    [InlineData("a.png", "", "PNG", 800, 600)]
    [InlineData("a.jpg", "w=1280&h=720", "JPEG", 1280, 720)]
    [InlineData("a.jpg", "format=jpeg-progressive&w=400&h=400", "JPEG", 400, 400)]
    [InlineData("a.webp", "format=webp-vp8&w=1920&h=1080", "WEBP", 1920, 1080)]
    [InlineData("a.webp", "format=webp-vp8l&w=720&h=1280", "WEBP", 720, 1280)]
    [InlineData("a.webp", "format=webp-vp8x&w=1000&h=1000", "WEBP", 1000, 1000)]
    public async Task GoodImagesPass(string name, string query, string format, int width, int height)
    {
        var check = await CheckAsync(Image(name, query));
        Assert.True(check.Passed, check.Describe());
        Assert.True(check.Reachable);
        Assert.Equal(format, check.Format);
        Assert.Equal((width, height), (check.Width, check.Height));
        Assert.Equal(check.BytesRead, check.Bytes); // small files: the first range is the whole file
        Assert.Equal(1, ImageRequests);
    }

    [Fact]
    public async Task FormatIsJudgedByBytesNotByExtensionOrContentType()
    {
        var png = await CheckAsync(Image("photo.jpg", "format=png&type=image/jpeg"));
        Assert.True(png.Passed, png.Describe());
        Assert.Equal("PNG", png.Format);

        var gif = await CheckAsync(Image("photo.jpg", "format=gif&type=image/jpeg"));
        Assert.Contains("a GIF image", SingleProblem(gif, ImageRules.Format).Message);
        Assert.Null(gif.Format);

        var html = await CheckAsync(Image("photo.jpg", "format=html"));
        var problem = SingleProblem(html, ImageRules.Format);
        Assert.Contains("an HTML page", problem.Message);
        Assert.Contains("served as text/html", problem.Message);
        Assert.Contains("allowed: JPEG, PNG or WEBP", problem.Message);
    }

    [Theory]
    [InlineData(300, 900)]
    [InlineData(1920, 399)]
    public async Task ShortSideBelow400Fails(int width, int height)
    {
        var check = await CheckAsync(Image("small.png", $"w={width}&h={height}"));
        var problem = SingleProblem(check, ImageRules.MinShortSide);
        Assert.Contains($"{width}x{height} px", problem.Message);
        Assert.Contains($"short side is {Math.Min(width, height)} px; allowed: at least 400 px", problem.Message);
        Assert.Equal((width, height), (check.Width, check.Height));
    }

    [Fact]
    public async Task TooBigFailsWithoutDownloadingTheFile()
    {
        const long size = 11L * 1024 * 1024;
        var check = await CheckAsync(Image("big.jpg", $"size={size}"));
        var problem = SingleProblem(check, ImageRules.MaxSize);
        Assert.Contains("11 MB (11,534,336 bytes); allowed: at most 10 MB (10,485,760 bytes)", problem.Message);
        Assert.Equal(size, check.Bytes);
        Assert.Equal("JPEG", check.Format);
        Assert.True(check.BytesRead <= 64 * 1024, $"read {check.BytesRead} bytes");
        Assert.True(Host.Accounting.ImageBytesSent <= 64 * 1024, $"the host sent {Host.Accounting.ImageBytesSent} bytes");
    }

    [Fact]
    public async Task TenMegabytesExactlyIsAllowed()
    {
        var check = await CheckAsync(Image("edge.png", $"size={10L * 1024 * 1024}"));
        Assert.True(check.Passed, check.Describe());
    }

    [Fact]
    public async Task AHostThatIgnoresRangeIsReadOnlyAsFarAsNeeded()
    {
        const long size = 64L * 1024 * 1024;
        var check = await CheckAsync(Image("big.png", $"size={size}&ranges=false"));
        SingleProblem(check, ImageRules.MaxSize);
        Assert.Equal("PNG", check.Format);
        // What the client read is the measure: after the client hangs up, Kestrel accepts and discards
        // the rest of the body at memory speed, so the host's own byte count says nothing reliable here.
        Assert.True(check.BytesRead <= 64 * 1024, $"read {check.BytesRead} bytes");
    }

    [Fact]
    public async Task JpegMetadataBeyondTheFirstChunkIsReadWithASecondRange()
    {
        var check = await CheckAsync(Image("exif.jpg", "format=jpeg-exif&w=1024&h=768"));
        Assert.True(check.Passed, check.Describe());
        Assert.Equal((1024, 768), (check.Width, check.Height));
        Assert.True(check.BytesRead > 64 * 1024);
        Assert.Equal(2, ImageRequests);

        var whole = await CheckAsync(Image("exif.jpg", "format=jpeg-exif&w=1024&h=768&ranges=false"));
        Assert.True(whole.Passed, whole.Describe());
        Assert.Equal(3, ImageRequests); // one more: the same 200 body is read further
    }

    [Fact]
    public async Task HeadersBeyondTheCapAreReportedNotFetchedForever()
    {
        var check = await CheckAsync(Image("exif.jpg", "format=jpeg-exif"), new PreflightOptions { MaxHeaderBytes = 80 * 1024 });
        var problem = SingleProblem(check, ImageRules.MinShortSide);
        Assert.Contains("not within its first 80 KB", problem.Message);
        Assert.True(check.BytesRead <= 80 * 1024);
    }

    [Theory]
    [InlineData("status=404", ImageRules.Reachable, "was not found: the host answered HTTP 404")]
    [InlineData("status=410", ImageRules.Reachable, "HTTP 410")]
    [InlineData("status=500", ImageRules.Reachable, "could not be downloaded: the host answered HTTP 500")]
    [InlineData("auth=basic", ImageRules.Anonymous, "needs credentials: the host answered HTTP 401")]
    [InlineData("auth=forbidden", ImageRules.Anonymous, "needs credentials: the host answered HTTP 403")]
    [InlineData("redirect=9", ImageRules.Reachable, "redirected more than 5 times")]
    [InlineData("size=20", ImageRules.Format, "a PNG file cut short")]
    [InlineData("size=0", ImageRules.Format, "is empty (0 bytes)")]
    public async Task HostAnswersThatBreakARule(string query, string rule, string message)
    {
        var check = await CheckAsync(Image("x.png", query));
        Assert.Contains(message, SingleProblem(check, rule).Message);
        Assert.Equal(0, Host.Accounting.ImageRequestsWithAuthorizationHeader);
    }

    [Fact]
    public async Task RedirectsAreFollowedAnonymously()
    {
        var check = await CheckAsync(Image("moved.webp", "redirect=3&w=500&h=500"));
        Assert.True(check.Passed, check.Describe());
        Assert.Contains("redirect=0", check.FinalUrl);
        Assert.Equal(4, ImageRequests);
        Assert.Equal(0, Host.Accounting.ImageRequestsWithAuthorizationHeader);
    }

    [Theory]
    [InlineData("not a url", ImageRules.Reachable)]
    [InlineData("ftp://example.com/a.png", ImageRules.Reachable)]
    [InlineData("/images/a.png", ImageRules.Reachable)]
    [InlineData("https://user:secret@example.com/a.png", ImageRules.Anonymous)]
    public async Task UnusableUrlsFailWithoutARequest(string url, string rule)
    {
        var check = await CheckAsync(url);
        SingleProblem(check, rule);
        Assert.DoesNotContain("secret", check.Describe());
        Assert.False(check.Reachable);
        Assert.Equal(0, ImageRequests);
    }

    [Fact]
    public async Task AClosedPortIsNotReachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var check = await CheckAsync($"http://127.0.0.1:{port}/a.png");
        Assert.Contains("could not be reached", SingleProblem(check, ImageRules.Reachable).Message);
    }

    [Fact]
    public async Task AHostThatNeverAnswersTimesOut()
    {
        await using var server = RawHttpServer.Start(RawAnswer.Hang);
        var check = await CheckAsync(server.RootUri + "slow.png", new PreflightOptions { Timeout = TimeSpan.FromMilliseconds(300) });
        Assert.Contains("did not answer within", SingleProblem(check, ImageRules.Reachable).Message);
    }

    [Fact]
    public async Task OneTransientRefusalIsRetriedAndNothingIdentifyingIsSent()
    {
        byte[] png = HappyHorse.Emulator.Images.SyntheticImages.Create("png", 600, 600);
        int calls = 0;
        await using var server = RawHttpServer.Start(_ => ++calls == 1
            ? RawAnswer.Http(503, "busy", "text/plain", "Retry-After: 0")
            : RawAnswer.Http(200, png, "image/png"));
        var check = await CheckAsync(server.RootUri + "a.png");
        Assert.True(check.Passed, check.Describe());
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r =>
        {
            Assert.Null(r.Header("Authorization"));
            Assert.Null(r.Header("Cookie"));
            Assert.Equal("bytes=0-65535", r.Header("Range"));
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData(300_000L)]
    public async Task SizeUnknownFromGetIsAskedWithHead(long? headLength)
    {
        // 200 without Content-Length and longer than the first chunk: only HEAD can tell the size.
        byte[] png = HappyHorse.Emulator.Images.SyntheticImages.Create("png", 800, 800);
        byte[] body = png.Concat(new byte[200_000]).ToArray();
        string head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n" + (headLength.HasValue ? $"Content-Length: {headLength}\r\n" : "") + "Connection: close\r\n\r\n";
        await using var server = RawHttpServer.Start(r => r.Method == "HEAD"
            ? RawAnswer.Text(head)
            : RawAnswer.Bytes(System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n").Concat(body).ToArray()));
        var check = await CheckAsync(server.RootUri + "a.png");
        Assert.True(check.Passed, check.Describe());
        Assert.Equal((800, 800), (check.Width, check.Height));
        Assert.Equal(headLength, check.Bytes);
        Assert.Equal(new[] { "GET", "HEAD" }, server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task AWholeFileWithoutLengthHasTheSizeItWasRead()
    {
        byte[] png = HappyHorse.Emulator.Images.SyntheticImages.Create("png", 500, 700);
        await using var server = RawHttpServer.Start(RawAnswer.Bytes(System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n").Concat(png).ToArray()));
        var check = await CheckAsync(server.RootUri + "a.png");
        Assert.True(check.Passed, check.Describe());
        Assert.Equal(png.Length, check.Bytes);
        Assert.Single(server.Requests);
    }
}
