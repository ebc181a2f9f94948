using System.Net.Http.Headers;
using System.Text;

namespace HappyHorse.Emulator.Tests;

/// <summary>One emulator on a free loopback port plus a client that speaks to it like a real client would.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string Model = "happyhorse/happyhorse-1.0/reference-to-video";
    public const string ValidBody = """{"prompt": "character1 walks through a neon market", "image_url_1": "https://example.com/c1.png"}""";

    private Harness(EmulatorServer server, HttpClient client)
    {
        Server = server;
        Client = client;
    }

    public EmulatorServer Server { get; }
    public HttpClient Client { get; }
    public string Base => Server.BaseUri.ToString();
    public string Root => Server.RootUri.GetLeftPart(UriPartial.Authority);

    public static async Task<Harness> StartAsync(EmulatorOptions? options = null)
    {
        EmulatorServer server = await EmulatorServer.StartAsync(options ?? new EmulatorOptions { TimeScale = 0.001 });
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "demo-token");
        return new Harness(server, client);
    }

    public Task<HttpResponseMessage> SubmitRawAsync(string body, string model = Model) =>
        Client.PostAsync($"{Base}/models/{model}", new StringContent(body, Encoding.UTF8, "application/json"));

    public async Task<string> SubmitAsync(string body = ValidBody, string model = Model)
    {
        using HttpResponseMessage response = await SubmitRawAsync(body, model);
        JsonElement json = await JsonAsync(response, HttpStatusCode.OK);
        return json.GetProperty("request_id").GetString()!;
    }

    public async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await Client.GetAsync(url);
        return await JsonAsync(response, expected);
    }

    public Task<JsonElement> StatusAsync(string id) => GetJsonAsync($"{Base}/requests/{id}/status");

    public Task<JsonElement> ResultAsync(string id, string query = "") => GetJsonAsync($"{Base}/requests/{id}/result{query}");

    public async Task<JsonElement> CancelAsync(string id)
    {
        using HttpResponseMessage response = await Client.PostAsync($"{Base}/requests/{id}/cancel", null);
        return await JsonAsync(response, HttpStatusCode.Accepted);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls until the job reaches the state; never sleeps as synchronisation beyond a short poll gap.</summary>
    public async Task WaitForStateAsync(string id, string state)
    {
        await Eventually.TrueAsync(() => Server.GetJobState(id) == state, $"job {id} to be {state} (is {Server.GetJobState(id)})");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, double seconds = 10)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(5);
        }
    }
}

/// <summary>Time that moves only when a test says so: queue positions can be checked without racing the clock.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public override DateTimeOffset GetUtcNow() => Start.AddTicks(Interlocked.Read(ref _ticks));
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
