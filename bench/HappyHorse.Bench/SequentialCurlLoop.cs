using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HappyHorse.Bench;

/// <summary>
/// The baseline of issue 4, figure 1: the documented calls, one row after the other, as a shell loop
/// of curl would make them — POST the row, GET its status every poll interval until it is finished
/// (the official CLI polls every 2 s), then GET its result.
/// </summary>
internal static class SequentialCurlLoop
{
    private const string Model = "happyhorse/happyhorse-1.0/reference-to-video";

    /// <returns>Wall time for <paramref name="rows"/> rows and how many ended succeeded.</returns>
    public static async Task<(TimeSpan Elapsed, int Succeeded)> RunAsync(Uri baseUri, string token, int rows, TimeSpan pollInterval)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        string submitUrl = $"{baseUri.AbsoluteUri.TrimEnd('/')}/models/{Model}";
        int succeeded = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < rows; i++)
        {
            using JsonDocument receipt = await SendAsync(client, HttpMethod.Post, submitUrl, BenchRows.CurlBody(i));
            string statusUrl = receipt.RootElement.GetProperty("status_url").GetString()!;
            string resultUrl = receipt.RootElement.GetProperty("result_url").GetString()!;
            while (true)
            {
                using JsonDocument status = await SendAsync(client, HttpMethod.Get, statusUrl, null);
                string state = status.RootElement.GetProperty("status").GetString()!;
                if (state is "completed" or "cancelled") break;
                await Task.Delay(pollInterval);
            }
            using JsonDocument result = await SendAsync(client, HttpMethod.Get, resultUrl, null);
            if (result.RootElement.GetProperty("status").GetString() == "succeeded") succeeded++;
        }
        return (watch.Elapsed, succeeded);
    }

    private static async Task<JsonDocument> SendAsync(HttpClient client, HttpMethod method, string url, string? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} {url}: HTTP {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }
}
