using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Input;
using HappyHorse.LocalImages;
using HappyHorse.Preflight;
using Xunit;

namespace HappyHorse.Core.Tests.LocalImages;

/// <summary>The body with inline images, below the cmdlets: its three forms, its streamed bytes and its length.</summary>
public sealed class InlineImageBodyTests : IDisposable
{
    private readonly ImageFolder _images = new();

    public void Dispose() => _images.Dispose();

    private static Func<string, string> NoPowerShell => path => Path.GetFullPath(path);

    private JobBody Body(params string[] files)
    {
        var input = new VideoJobInput { Prompt = "character1 \"quoted\" café", Duration = 7 };
        var cache = new LocalImageCache();
        var problems = new System.Collections.Generic.List<InputProblem>();
        for (int i = 0; i < files.Length; i++)
        {
            input.Images[i + 1] = files[i];
            input.LocalImages[i + 1] = cache.Load(InputSchema.ImageField(i + 1), files[i], NoPowerShell, problems)
                ?? throw new InvalidOperationException(string.Join(" ", problems));
        }
        return RequestBody.ToJobBody(input);
    }

    private static async Task<byte[]> SendAsync(JobBody body)
    {
        using var content = body.Content.Create();
        using var sink = new MemoryStream();
        await content.CopyToAsync(sink);
        return sink.ToArray();
    }

    [Fact]
    public async Task TheWireFormIsTheJSONWithEachFileAsADataURIAndItsLengthIsKnownBeforehand()
    {
        // Larger than one 48 KiB chunk, and not a multiple of 3, so chunking and padding are exercised.
        string big = _images.Padded("big.png", 200_001);
        string small = _images.Image("small.jpg", "jpeg", 640, 480);
        var body = Body(big, small);

        byte[] sent = await SendAsync(body);

        Assert.Equal(body.Length, sent.Length);
        using var json = JsonDocument.Parse(sent);
        Assert.Equal("character1 \"quoted\" café", json.RootElement.GetProperty("prompt").GetString());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(big)), json.RootElement.GetProperty("image_url_1").GetString());
        Assert.Equal("data:image/jpeg;base64," + Convert.ToBase64String(File.ReadAllBytes(small)), json.RootElement.GetProperty("image_url_2").GetString());
        Assert.Equal(7, json.RootElement.GetProperty("duration").GetInt32());
        // A retried submit sends the same bytes again.
        Assert.Equal(sent, await SendAsync(body));
    }

    [Fact]
    public void TheKeyNamesEachFileByTypeAndWholeHashAndTheShownFormByPathSizeAndHashPrefix()
    {
        string png = _images.Image("a.png");
        var body = Body(png);
        string sha = ImageFolder.Sha256(png);

        using var key = JsonDocument.Parse(body.Key);
        Assert.Equal("data:image/png;sha256," + sha, key.RootElement.GetProperty("image_url_1").GetString());
        using var shown = JsonDocument.Parse(body.Shown);
        Assert.Equal($"local file {png} (image/png, 800x600, {new FileInfo(png).Length:N0} bytes, sha256 {sha[..12]}), sent inline as data:image/png;base64",
            shown.RootElement.GetProperty("image_url_1").GetString());
        Assert.Contains(sha[..12], body.ShownIndented);
        Assert.DoesNotContain(Convert.ToBase64String(File.ReadAllBytes(png))[..40], body.Shown + body.ShownIndented + Encoding.UTF8.GetString(body.Key));
    }

    [Fact]
    public async Task AFileChangedAfterItsCheckStopsTheBodyBeforeItsEnd()
    {
        string png = _images.Padded("a.png", 150_000);
        var body = Body(png);
        var written = File.GetLastWriteTimeUtc(png);
        // Same length, same time, different bytes: only the hash taken while streaming can tell.
        using (var file = new FileStream(png, FileMode.Open, FileAccess.Write)) { file.Position = 100_000; file.WriteByte(1); }
        File.SetLastWriteTimeUtc(png, written);

        using var sink = new MemoryStream();
        var error = await Assert.ThrowsAsync<BodyNotCompletedException>(() => ((InlineImageContent)body.Content).WriteToAsync(sink));

        Assert.Contains(png, error.Message);
        Assert.Contains("changed after it was checked", error.Message);
        Assert.True(sink.Length < body.Length, "the server must never get the whole body");
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(sink.ToArray()));
    }

    [Fact]
    public async Task AFileWhoseSizeChangedIsRefusedBeforeAnyByteIsWritten()
    {
        string png = _images.Image("a.png");
        var body = Body(png);
        File.AppendAllText(png, "more");

        using var sink = new MemoryStream();
        await Assert.ThrowsAsync<BodyNotCompletedException>(() => ((InlineImageContent)body.Content).WriteToAsync(sink));
        Assert.Equal(0, sink.Length);
    }

    [Fact]
    public void TheLimitIsCountedWithoutReadingAndNamesTheLargestImageFirst()
    {
        string[] files = { _images.Padded("a.png", 10_000_000), _images.Padded("b.png", 10_400_000), _images.Padded("c.png", 10_000_000), _images.Padded("d.png", 10_000_000), _images.Padded("e.png", 10_000_000) };
        var body = Body(files);

        var problem = body.LimitProblem();

        Assert.NotNull(problem);
        Assert.True(body.Length > JobBody.MaxBytes);
        Assert.Equal("image_url_2", problem!.Field);
        Assert.True(problem.Message.IndexOf(files[1], StringComparison.Ordinal) < problem.Message.IndexOf(files[0], StringComparison.Ordinal));
        Assert.Null(Body(files[0], files[1]).LimitProblem());
    }

    [Theory]
    [InlineData("cat.png", true)]
    [InlineData("./faces/cat.png", true)]
    [InlineData("~/cat.png", true)]
    [InlineData("/srv/cat.png", true)]
    [InlineData("C:\\faces\\cat.png", true)]
    [InlineData("\\\\server\\share\\cat.png", true)]
    [InlineData("file:///srv/cat.png", true)]
    [InlineData("img.example/cat.png", true)]
    [InlineData("https://img.example/cat.png", false)]
    [InlineData("http://127.0.0.1:5199/images/a.png", false)]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", false)]
    [InlineData("ftp://img.example/cat.png", false)]
    [InlineData("//img.example/cat.png", false)]
    public void ALocalFileIsToldFromAURLByTheTextAlone(string text, bool local)
    {
        Assert.Equal(local, LocalImageReference.IsLocal(text));
    }

    [Fact]
    public void ALocalFileIsJudgedByItsBytesWithTheSameRulesAsAURL()
    {
        var check = LocalImageReader.Check("x.webp", _images.Image("x.webp", "png", 399, 1000), new PreflightOptions());

        Assert.Equal("PNG", check.Format);
        Assert.Equal(ImageRules.MinShortSide, Assert.Single(check.Problems).Rule);
        Assert.NotNull(check.Sha256);
    }
}
