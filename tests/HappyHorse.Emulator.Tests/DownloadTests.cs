using System.Net.Http.Headers;
using HappyHorse.Emulator.Outputs;

namespace HappyHorse.Emulator.Tests;

/// <summary>The fake CDN: Range support on the small MP4 and on the streamed synthetic file.</summary>
public sealed class DownloadTests
{
    [Fact]
    public async Task Range_request_on_the_mp4_answers_206_with_matching_bytes()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0 });
        string url = await SucceededOutputAsync(h);
        byte[] full = SampleVideo.Bytes.ToArray();

        (HttpResponseMessage response, byte[] bytes) = await GetRangeAsync(url, 100, 1099);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 100-1099/{full.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(1000, response.Content.Headers.ContentLength);
        Assert.Equal(full[100..1100], bytes);

        (HttpResponseMessage tail, byte[] tailBytes) = await GetRangeAsync(url, null, 10);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(full[^10..], tailBytes);

        (HttpResponseMessage open, byte[] openBytes) = await GetRangeAsync(url, full.Length - 7, null);
        Assert.Equal(full[^7..], openBytes);
        Assert.Equal(HttpStatusCode.PartialContent, open.StatusCode);

        (HttpResponseMessage beyond, _) = await GetRangeAsync(url, full.Length, null);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal($"bytes */{full.Length}", beyond.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Large_synthetic_output_streams_with_content_length_and_ranges()
    {
        const long size = 48L * 1024 * 1024 + 123; // larger than any buffer the server uses
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0, LargeOutputBytes = size });
        string url = await SucceededOutputAsync(h);
        using var client = new HttpClient();

        using (HttpResponseMessage response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(size, response.Content.Headers.ContentLength);
            Assert.Contains("bytes", response.Headers.AcceptRanges);
            await using Stream body = await response.Content.ReadAsStreamAsync();
            byte[] chunk = new byte[81920], expected = new byte[81920];
            long offset = 0;
            int n;
            while ((n = await body.ReadAsync(chunk)) > 0)
            {
                SyntheticOutput.Fill(offset, expected.AsSpan(0, n));
                Assert.True(chunk.AsSpan(0, n).SequenceEqual(expected.AsSpan(0, n)), $"bytes differ near offset {offset}");
                offset += n;
            }
            Assert.Equal(size, offset);
        }

        long start = size - 5000;
        (HttpResponseMessage ranged, byte[] bytes) = await GetRangeAsync(url, start, size + 100);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal($"bytes {start}-{size - 1}/{size}", ranged.Content.Headers.ContentRange!.ToString());
        byte[] want = new byte[5000];
        SyntheticOutput.Fill(start, want);
        Assert.Equal(want, bytes);
    }

    [Fact]
    public async Task Head_reports_length_without_a_body()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0, LargeOutputBytes = 1_000_000 });
        string url = await SucceededOutputAsync(h);
        using var client = new HttpClient();
        using HttpResponseMessage response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1_000_000, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Downloads_carrying_a_token_are_counted()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0 });
        string url = await SucceededOutputAsync(h);
        using HttpResponseMessage leaked = await h.Client.GetAsync(url); // h.Client sends the bearer token: a client bug
        Assert.Equal(HttpStatusCode.OK, leaked.StatusCode);
        using var clean = new HttpClient();
        using HttpResponseMessage ok = await clean.GetAsync(url);
        Assert.Equal(1, h.Server.Accounting.DownloadsWithAuthorizationHeader);
        Assert.Equal(2, h.Server.Accounting.RequestCount(EmulatorEndpoint.Download));
    }

    private static async Task<string> SucceededOutputAsync(Harness h)
    {
        string id = await h.SubmitAsync();
        await h.WaitForStateAsync(id, "succeeded");
        return (await h.ResultAsync(id)).GetProperty("output").GetProperty("video").GetString()!;
    }

    private static async Task<(HttpResponseMessage, byte[])> GetRangeAsync(string url, long? from, long? to)
    {
        using var client = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        HttpResponseMessage response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }
}
