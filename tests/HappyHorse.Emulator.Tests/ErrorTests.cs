using System.Net.Http.Headers;

namespace HappyHorse.Emulator.Tests;

/// <summary>Every documented error code, its HTTP status, and the HTTP-200 variant.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task Unknown_model_is_400001_on_submit_and_catalog()
    {
        await using Harness h = await Harness.StartAsync();
        using HttpResponseMessage submit = await h.SubmitRawAsync(Harness.ValidBody, "happyhorse/nope");
        AssertError(await Harness.JsonAsync(submit, HttpStatusCode.BadRequest), 400001);
        AssertError(await h.GetJsonAsync($"{h.Base}/models/happyhorse/nope", HttpStatusCode.BadRequest), 400001);
        Assert.Equal(1, h.Server.Accounting.RejectedSubmissions);
    }

    [Fact]
    public async Task Unknown_request_is_404001_on_status_result_and_cancel()
    {
        await using Harness h = await Harness.StartAsync();
        string id = Guid.NewGuid().ToString();
        AssertError(await h.GetJsonAsync($"{h.Base}/requests/{id}/status", HttpStatusCode.NotFound), 404001);
        AssertError(await h.GetJsonAsync($"{h.Base}/requests/{id}/result", HttpStatusCode.NotFound), 404001);
        using HttpResponseMessage cancel = await h.Client.PostAsync($"{h.Base}/requests/{id}/cancel", null);
        AssertError(await Harness.JsonAsync(cancel, HttpStatusCode.NotFound), 404001);
    }

    [Fact]
    public async Task Another_tokens_request_is_403001_and_is_not_cancelled()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { Tokens = ["demo-token", "other-token"], Workers = 1, TimeScale = 1000 });
        await h.SubmitAsync();
        string queued = await h.SubmitAsync();
        using var other = new HttpClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "other-token");

        foreach (string path in new[] { "status", "result" })
        {
            using HttpResponseMessage r = await other.GetAsync($"{h.Base}/requests/{queued}/{path}");
            AssertError(await Harness.JsonAsync(r, HttpStatusCode.Forbidden), 403001);
        }
        using HttpResponseMessage cancel = await other.PostAsync($"{h.Base}/requests/{queued}/cancel", null);
        AssertError(await Harness.JsonAsync(cancel, HttpStatusCode.Forbidden), 403001);
        Assert.Equal("in_queue", h.Server.GetJobState(queued));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic ZGVtbzpkZW1v")]
    [InlineData("Bearer ")]
    public async Task Missing_or_bad_token_is_400004_with_401(string? authorization)
    {
        await using Harness h = await Harness.StartAsync();
        string id = await h.SubmitAsync();
        using var client = new HttpClient();
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => client.PostAsync($"{h.Base}/models/{Harness.Model}", new StringContent(Harness.ValidBody)),
            () => client.GetAsync($"{h.Base}/requests/{id}/status"),
            () => client.GetAsync($"{h.Base}/requests/{id}/result"),
            () => client.PostAsync($"{h.Base}/requests/{id}/cancel", null),
            () => client.GetAsync($"{h.Base}/models/{Harness.Model}"),
        };
        foreach (var send in requests)
        {
            using HttpResponseMessage response = await send();
            AssertError(await Harness.JsonAsync(response, HttpStatusCode.Unauthorized), 400004);
        }
        Assert.Equal(1, h.Server.Accounting.RejectedSubmissions);
        Assert.Equal(1, h.Server.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public async Task Exhausted_balance_is_400002_with_402()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { BalanceUsd = 1.00m, TimeScale = 1000 });
        await h.SubmitAsync(); // 5 s × 0.12 = 0.60
        using HttpResponseMessage second = await h.SubmitRawAsync(Harness.ValidBody);
        AssertError(await Harness.JsonAsync(second, HttpStatusCode.PaymentRequired), 400002);
    }

    [Fact]
    public async Task Validation_error_is_400003_with_422_and_detail()
    {
        await using Harness h = await Harness.StartAsync();
        using HttpResponseMessage response = await h.SubmitRawAsync("""{"prompt": "x"}""");
        JsonElement json = await Harness.JsonAsync(response, (HttpStatusCode)422);
        AssertError(json, 400003);
        Assert.Equal("image_url_1", Assert.Single(json.GetProperty("detail").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task ErrorsAsHttp200_sends_every_error_body_with_200()
    {
        await using Harness h = await Harness.StartAsync(new EmulatorOptions { ErrorsAsHttp200 = true });
        using HttpResponseMessage model = await h.SubmitRawAsync(Harness.ValidBody, "nope/nope");
        AssertError(await Harness.JsonAsync(model, HttpStatusCode.OK), 400001);
        using HttpResponseMessage invalid = await h.SubmitRawAsync("{}");
        AssertError(await Harness.JsonAsync(invalid, HttpStatusCode.OK), 400003);
        AssertError(await h.GetJsonAsync($"{h.Base}/requests/nope/status", HttpStatusCode.OK), 404001);
        using var anonymous = new HttpClient();
        using HttpResponseMessage unauthorized = await anonymous.GetAsync($"{h.Base}/requests/nope/result");
        AssertError(await Harness.JsonAsync(unauthorized, HttpStatusCode.OK), 400004);

        // The switch is read per request: flipping it back restores real statuses.
        h.Server.Options.ErrorsAsHttp200 = false;
        AssertError(await h.GetJsonAsync($"{h.Base}/requests/nope/status", HttpStatusCode.NotFound), 404001);
    }

    private static void AssertError(JsonElement json, int code)
    {
        Assert.Equal(code, json.GetProperty("error_code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error_message").GetString()));
    }
}
