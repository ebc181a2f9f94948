using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using HappyHorse.Emulator.Images;

namespace HappyHorse.Emulator.Tests;

/// <summary>/images: the stand-in third-party host that reference-image preflight is tested against.</summary>
public sealed class ImageHostTests
{
    private static readonly HttpClient Anonymous = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Padded_image_serves_ranges_of_image_then_zeros_and_counts_bytes_sent()
    {
        await using Harness h = await Harness.StartAsync();
        byte[] png = SyntheticImages.Create("png", 640, 480);
        string url = $"{h.Root}/images/big.jpg?format=png&w=640&h=480&size=20000000";

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, png.Length + 99);
        using HttpResponseMessage response = await Anonymous.SendAsync(request);
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 0-{png.Length + 99}/20000000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, body[..png.Length]);
        Assert.All(body[png.Length..], b => Assert.Equal(0, b));
        Assert.Equal(png.Length + 100, h.Server.Accounting.ImageBytesSent);
        Assert.Equal(1, h.Server.Accounting.RequestCount(EmulatorEndpoint.Image));
    }

    [Fact]
    public async Task Ranges_false_sends_the_whole_file_with_200()
    {
        await using Harness h = await Harness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{h.Root}/images/a.webp?ranges=false");
        request.Headers.Range = new RangeHeaderValue(0, 9);
        using HttpResponseMessage response = await Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SyntheticImages.Create("webp", 800, 600), await response.Content.ReadAsByteArrayAsync());
        Assert.False(response.Headers.Contains("Accept-Ranges"));
    }

    [Fact]
    public async Task Auth_status_and_redirect_behave_as_asked_and_credentials_are_counted()
    {
        await using Harness h = await Harness.StartAsync();
        using HttpResponseMessage locked = await Anonymous.GetAsync($"{h.Root}/images/a.png?auth=basic");
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("Basic", locked.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, h.Server.Accounting.ImageRequestsWithAuthorizationHeader);

        using var withCredentials = new HttpRequestMessage(HttpMethod.Get, $"{h.Root}/images/a.png?auth=basic");
        withCredentials.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dTpw");
        using HttpResponseMessage opened = await Anonymous.SendAsync(withCredentials);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(1, h.Server.Accounting.ImageRequestsWithAuthorizationHeader);

        using HttpResponseMessage forbidden = await Anonymous.GetAsync($"{h.Root}/images/a.png?auth=forbidden");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using HttpResponseMessage gone = await Anonymous.GetAsync($"{h.Root}/images/a.png?status=410");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);

        using HttpResponseMessage moved = await Anonymous.GetAsync($"{h.Root}/images/a.png?w=500&redirect=2");
        Assert.Equal(HttpStatusCode.Found, moved.StatusCode);
        Assert.Equal("/images/a.png?w=500&redirect=1", moved.Headers.Location!.OriginalString);

        using HttpResponseMessage bad = await Anonymous.GetAsync($"{h.Root}/images/a.bmp");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("unknown format", await bad.Content.ReadAsStringAsync());

        JsonElement stats = await h.GetJsonAsync($"{h.Root}/admin/stats");
        Assert.Equal(6, stats.GetProperty("requests").GetProperty("image").GetInt32());
        Assert.Equal(1, stats.GetProperty("images_with_authorization_header").GetInt32());
        Assert.True(stats.GetProperty("image_bytes_sent").GetInt64() > 0);
    }

    [Fact]
    public void Png_is_real_chunks_with_valid_crcs_and_rows_that_inflate_to_the_image()
    {
        byte[] png = SyntheticImages.Create("png", 333, 401);
        int pos = 8;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(Crc32.Compute(png.AsSpan(pos + 4, 4 + length)), crc);
            if (type == "IDAT") idat.Write(png, pos + 8, length);
            types.Add(type);
            pos += 12 + length;
        }
        Assert.Equal(new[] { "IHDR", "IDAT", "IEND" }, types);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        Assert.Equal(401 * (333 + 1), inflated.Length);
    }

    [Fact]
    public void Jpeg_scans_hold_one_bit_per_block_and_coefficient_kind()
    {
        byte[] baseline = SyntheticImages.Create("jpeg", 800, 600);
        byte[] progressive = SyntheticImages.Create("jpeg-progressive", 800, 600);
        const int blocks = 100 * 75;
        int sos = IndexOf(baseline, 0xFF, 0xDA);
        Assert.Equal(sos + 2 + 8 + blocks * 2 / 8 + 2, baseline.Length); // SOS segment, entropy data, EOI
        Assert.Equal(2, Count(progressive, 0xFF, 0xDA));
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, baseline[^2..]);
    }

    private static int IndexOf(byte[] data, byte a, byte b)
    {
        for (int i = 0; i + 1 < data.Length; i++) if (data[i] == a && data[i + 1] == b) return i;
        return -1;
    }

    private static int Count(byte[] data, byte a, byte b)
    {
        int n = 0;
        for (int i = 0; i + 1 < data.Length; i++) if (data[i] == a && data[i + 1] == b) n++;
        return n;
    }
}
