using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace HappyHorse.Emulator.Tests;

/// <summary>One test per endpoint: the response shapes the API contract documents.</summary>
public sealed class ContractTests
{
    [Fact]
    public async Task Submit_answers_absolute_urls_of_this_emulator()
    {
        await using Harness h = await Harness.StartAsync();
        using HttpResponseMessage response = await h.SubmitRawAsync(Harness.ValidBody);
        JsonElement json = await Harness.JsonAsync(response, HttpStatusCode.OK);
        string id = json.GetProperty("request_id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal($"{h.Base}/requests/{id}/status", json.GetProperty("status_url").GetString());
        Assert.Equal($"{h.Base}/requests/{id}/result", json.GetProperty("result_url").GetString());
        Assert.Equal($"{h.Base}/requests/{id}/cancel", json.GetProperty("cancel_url").GetString());
        Assert.Equal(4, json.EnumerateObject().Count());
        Assert.Equal(Harness.ValidBody, Assert.Single(h.Server.SubmittedBodies));
    }

    [Fact]
    public async Task Status_has_queue_position_only_while_queued()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1000 });
        string running = await h.SubmitAsync();
        string queued = await h.SubmitAsync();

        JsonElement q = await h.StatusAsync(queued);
        Assert.Equal("in_queue", q.GetProperty("status").GetString());
        Assert.Equal(1, q.GetProperty("queue_position").GetInt32());
        Assert.Equal($"{h.Base}/requests/{queued}/status", q.GetProperty("status_url").GetString());
        Assert.Equal($"{h.Base}/requests/{queued}/result", q.GetProperty("result_url").GetString());

        JsonElement r = await h.StatusAsync(running);
        Assert.Equal("in_progress", r.GetProperty("status").GetString());
        Assert.False(r.TryGetProperty("queue_position", out _));
        Assert.Equal(running, r.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task Result_of_a_succeeded_job_has_output_video_timestamps_and_cost()
    {
        await using Harness h = await Harness.StartAsync();
        string id = await h.SubmitAsync("""{"prompt": "character1 waves", "image_url_1": "https://example.com/a.png", "duration": 10}""");
        await h.WaitForStateAsync(id, "succeeded");

        JsonElement result = await h.ResultAsync(id, "?include_cost=true");
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal($"{h.Root}/files/{id}.mp4", result.GetProperty("output").GetProperty("video").GetString());
        DateTimeOffset created = ParseTimestamp(result.GetProperty("created_at").GetString()!);
        DateTimeOffset finished = ParseTimestamp(result.GetProperty("finished_at").GetString()!);
        Assert.True(finished >= created);
        Assert.Equal(1.20m, result.GetProperty("cost").GetDecimal());
        Assert.False(result.TryGetProperty("error", out _));

        JsonElement withoutCost = await h.ResultAsync(id);
        Assert.False(withoutCost.TryGetProperty("cost", out _));
    }

    [Fact]
    public async Task Result_can_use_the_videos_array_variant()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0, OutputAsVideosArray = true });
        string id = await h.SubmitAsync();
        await h.WaitForStateAsync(id, "succeeded");
        JsonElement output = (await h.ResultAsync(id)).GetProperty("output");
        Assert.Equal($"{h.Root}/files/{id}.mp4", Assert.Single(output.GetProperty("videos").EnumerateArray()).GetString());
        Assert.False(output.TryGetProperty("video", out _));
    }

    [Fact]
    public async Task Result_before_finishing_has_no_output_nor_finished_at()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 1000 });
        string id = await h.SubmitAsync();
        JsonElement result = await h.ResultAsync(id, "?include_cost=true");
        Assert.Equal("in_progress", result.GetProperty("status").GetString());
        Assert.False(result.TryGetProperty("output", out _));
        Assert.False(result.TryGetProperty("finished_at", out _));
        Assert.False(result.TryGetProperty("cost", out _));
        Assert.True(result.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task Cancel_answers_202_with_outcome()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 1000 });
        string running = await h.SubmitAsync();
        string queued = await h.SubmitAsync();

        JsonElement c = await h.CancelAsync(queued);
        Assert.Equal(queued, c.GetProperty("request_id").GetString());
        Assert.Equal("cancelled", c.GetProperty("status").GetString());
        Assert.Equal("cancelled", c.GetProperty("outcome").GetString());

        JsonElement n = await h.CancelAsync(running);
        Assert.Equal("in_progress", n.GetProperty("status").GetString());
        Assert.Equal("not_cancellable", n.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Catalog_entry_carries_price_and_schemas()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { BasePriceUsd = 0.25m });
        JsonElement entry = await h.GetJsonAsync($"{h.Base}/models/{Harness.Model}");
        Assert.Equal(Harness.Model, entry.GetProperty("model_id").GetString());
        Assert.Equal("HappyHorse 1.0 Reference to Video", entry.GetProperty("display_name").GetString());
        Assert.Equal("reference-to-video", Assert.Single(entry.GetProperty("categories").EnumerateArray()).GetString());
        Assert.False(entry.TryGetProperty("name", out _)); // the documented fields only: RunComfy's clients read display_name
        Assert.Equal(0.25m, entry.GetProperty("base_price_usd").GetDecimal());
        Assert.Equal("second", entry.GetProperty("price_unit").GetString());
        Assert.Equal("object", entry.GetProperty("input_schema").GetProperty("type").GetString());
        Assert.True(entry.GetProperty("input_schema").GetProperty("properties").TryGetProperty("image_url_9", out _));
        Assert.True(entry.GetProperty("output_schema").GetProperty("properties").TryGetProperty("video", out _));
    }

    [Fact]
    public async Task Download_serves_the_playable_mp4_without_a_token()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { TimeScale = 0 });
        string id = await h.SubmitAsync();
        string url = (await h.ResultAsync(id)).GetProperty("output").GetProperty("video").GetString()!;
        using var anonymous = new HttpClient();
        using HttpResponseMessage response = await anonymous.GetAsync(url);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4)); // an ISO-BMFF file, not a placeholder
        Assert.Equal(0, h.Server.Accounting.DownloadsWithAuthorizationHeader);
    }

    /// <summary>The curl session of the API docs, replayed as-is.</summary>
    [Fact]
    public async Task Documented_curl_session_replays()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Workers = 1, TimeScale = 0.001 });
        using var curl = new HttpClient();
        HttpRequestMessage Request(HttpMethod method, string url, string? body = null)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "demo-token");
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return request;
        }

        // curl -X POST "$BASE/models/happyhorse/happyhorse-1.0/reference-to-video" -H "Authorization: Bearer $TOKEN" -d '{...}'
        using HttpResponseMessage submitted = await curl.SendAsync(Request(HttpMethod.Post, $"{h.Base}/models/{Harness.Model}",
            """{"prompt": "character1 walks along the beach at sunset, camera tracking", "image_url_1": "https://example.com/character1.png"}"""));
        JsonElement submit = await Harness.JsonAsync(submitted, HttpStatusCode.OK);
        AssertKeys(submit, "request_id", "status_url", "result_url", "cancel_url");
        string id = submit.GetProperty("request_id").GetString()!;

        using HttpResponseMessage statusResponse = await curl.SendAsync(Request(HttpMethod.Get, submit.GetProperty("status_url").GetString()!));
        JsonElement status = await Harness.JsonAsync(statusResponse, HttpStatusCode.OK);
        Assert.Contains(status.GetProperty("status").GetString(), new[] { "in_queue", "in_progress", "completed" });
        Assert.Equal(id, status.GetProperty("request_id").GetString());

        await h.WaitForStateAsync(id, "succeeded");
        using HttpResponseMessage resultResponse = await curl.SendAsync(Request(HttpMethod.Get, submit.GetProperty("result_url").GetString()!));
        JsonElement result = await Harness.JsonAsync(resultResponse, HttpStatusCode.OK);
        AssertKeys(result, "request_id", "model_id", "status", "output", "created_at", "finished_at");
        Assert.Equal(Harness.Model, result.GetProperty("model_id").GetString());
        Assert.StartsWith(h.Root, result.GetProperty("output").GetProperty("video").GetString());

        using HttpResponseMessage cancelResponse = await curl.SendAsync(Request(HttpMethod.Post, submit.GetProperty("cancel_url").GetString()!));
        JsonElement cancel = await Harness.JsonAsync(cancelResponse, HttpStatusCode.Accepted);
        AssertKeys(cancel, "request_id", "status", "outcome");
        Assert.Equal("not_cancellable", cancel.GetProperty("outcome").GetString());
        Assert.Equal("completed", cancel.GetProperty("status").GetString());
    }

    private static void AssertKeys(JsonElement json, params string[] keys) =>
        Assert.Equal(keys.OrderBy(k => k), json.EnumerateObject().Select(p => p.Name).OrderBy(k => k));

    private static DateTimeOffset ParseTimestamp(string text)
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+[+-]\d{2}:\d{2}$", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }
}
