using System.Net.Http.Headers;
using System.Security.Cryptography;
using HappyHorse.Emulator.Cli;
using HappyHorse.Emulator.Images;

namespace HappyHorse.Emulator.Tests;

/// <summary>
/// Image fields carrying the image inline (data:&lt;type&gt;;base64,…), as RunComfy's own ComfyUI node
/// sends them: accepted by default, decoded and judged like a fetched image, errors in detail.
/// </summary>
public sealed class DataImageTests
{
    private static string DataUri(string type, byte[] bytes) => $"data:{type};base64,{Convert.ToBase64String(bytes)}";

    private static string Body(string image) => $$"""{"prompt": "character1 waves", "image_url_1": "{{image}}"}""";

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("jpeg-progressive", "image/jpeg")]
    [InlineData("webp-vp8", "image/webp")]
    [InlineData("webp-vp8l", "image/webp")]
    [InlineData("webp-vp8x", "image/webp")]
    public async Task An_inline_image_is_accepted_and_kept_as_its_type_and_hash(string kind, string type)
    {
        await using Harness h = await Harness.StartAsync();
        byte[] image = SyntheticImages.Create(kind, 800, 600);

        await h.SubmitAsync(Body(DataUri(type, image)));

        using JsonDocument kept = JsonDocument.Parse(Assert.Single(h.Server.SubmittedBodies));
        Assert.Equal($"data:{type};sha256,{Convert.ToHexStringLower(SHA256.HashData(image))}", kept.RootElement.GetProperty("image_url_1").GetString());
        Assert.Equal("character1 waves", kept.RootElement.GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task The_same_inline_image_twice_is_a_duplicate_submission()
    {
        await using Harness h = await Harness.StartAsync();
        string body = Body(DataUri("image/png", SyntheticImages.Create("png", 800, 600)));
        await h.SubmitAsync(body);
        await h.SubmitAsync(body);
        Assert.Equal(1, h.Server.Accounting.DuplicateSubmissions);
    }

    public static TheoryData<string, string> BadImages
    {
        get
        {
            byte[] png = SyntheticImages.Create("png", 800, 600);
            var huge = new byte[10 * 1024 * 1024 + 1];
            png.CopyTo(huge, 0);
            return new()
            {
                { DataUri("image/png", huge), "at most 10,485,760 bytes" },
                { DataUri("image/png", SyntheticImages.Create("png", 300, 900)), "300x900" },
                { DataUri("image/png", SyntheticImages.Create("gif", 800, 600)), "not JPEG, PNG or WEBP" },
                { DataUri("image/png", SyntheticImages.Create("jpeg", 800, 600)), "declared image/png but its bytes are JPEG" },
                { DataUri("image/gif", SyntheticImages.Create("gif", 800, 600)), "allowed: image/jpeg, image/png or image/webp" },
                { "data:image/png;base64,%%%notbase64%%%", "not valid base64" },
                { "data:image/png," + new string('x', 100), "not base64-encoded" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(BadImages))]
    public async Task A_bad_inline_image_is_a_validation_error_in_detail_without_its_data(string image, string message)
    {
        await using Harness h = await Harness.StartAsync();

        using HttpResponseMessage response = await h.SubmitRawAsync(Body(image));

        JsonElement json = await Harness.JsonAsync(response, (HttpStatusCode)422);
        Assert.Equal(400003, json.GetProperty("error_code").GetInt32());
        JsonElement violation = Assert.Single(json.GetProperty("detail").EnumerateArray());
        Assert.Equal("image_url_1", violation.GetProperty("field").GetString());
        Assert.Contains(message, violation.GetProperty("message").GetString());
        if (image.Length > 60) Assert.DoesNotContain(image[22..60], json.GetRawText());
        Assert.Empty(h.Server.SubmittedBodies);
    }

    [Fact]
    public async Task Without_data_images_an_inline_image_is_refused_as_the_page_documents()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0.001, AcceptDataImages = false });

        using HttpResponseMessage response = await h.SubmitRawAsync(Body(DataUri("image/png", SyntheticImages.Create("png", 800, 600))));

        JsonElement json = await Harness.JsonAsync(response, (HttpStatusCode)422);
        Assert.Contains("must be an absolute https URL", Assert.Single(json.GetProperty("detail").EnumerateArray()).GetProperty("message").GetString());
        Assert.True(CommandLine.Parse([]).Options.AcceptDataImages);
        Assert.False(CommandLine.Parse(["--no-data-images"]).Options.AcceptDataImages);
        Assert.Contains("--no-data-images", CommandLine.HelpText);
    }

    [Fact]
    public async Task A_field_that_is_not_an_image_takes_no_data_URI()
    {
        await using Harness h = await Harness.StartAsync();
        string body = $$"""{"prompt": "rain", "video_url": "{{DataUri("image/png", SyntheticImages.Create("png", 800, 600))}}"}""";

        using HttpResponseMessage response = await h.SubmitRawAsync(body, "happyhorse/happyhorse-1.0/video-edit");

        JsonElement json = await Harness.JsonAsync(response, (HttpStatusCode)422);
        Assert.Contains("must be an absolute https URL", Assert.Single(json.GetProperty("detail").EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_body_over_64_MiB_is_refused_with_413_and_an_error_body()
    {
        await using Harness h = await Harness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{h.Base}/models/{Harness.Model}") { Content = new Filler(64L * 1024 * 1024 + 1) };
        // With Expect: 100-continue the emulator answers before any of the body is sent: nothing big travels.
        request.Headers.ExpectContinue = true;

        using HttpResponseMessage response = await h.Client.SendAsync(request);

        JsonElement json = await Harness.JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(400003, json.GetProperty("error_code").GetInt32());
        Assert.Contains("67,108,864", json.GetRawText());
        Assert.Equal(1, h.Server.Accounting.RejectedSubmissions);
    }

    /// <summary>A body of <c>length</c> spaces, made as it is sent.</summary>
    private sealed class Filler : HttpContent
    {
        private readonly long _length;

        public Filler(long length)
        {
            _length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            byte[] chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (long left = _length; left > 0; left -= chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
        }

        protected override bool TryComputeLength(out long size)
        {
            size = _length;
            return true;
        }
    }
}
