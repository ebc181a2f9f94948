using System.Text.Json;
using HappyHorse.Emulator.Simulation;

namespace HappyHorse.Emulator.Http;

/// <summary>
/// /admin/*: observe and steer a running emulator from scripts (no token, not counted).
/// PUT /admin/faults body, every member optional:
/// <c>{"clear": true, "failed_generation_rate": 0.1, "unknown_status_rate": 0.05,
///     "latency_ms": {"all": 20, "status": 5}, "rates": {"submit": {"429": 0.2, "DropAfterAccept": 0.1}}}</c>
/// </summary>
internal static class AdminHandlers
{
    public static Task StatsAsync(HttpContext context, EmulatorState state)
    {
        EmulatorAccounting a = state.Accounting;
        JobCounts jobs = state.Jobs.Counts();
        return SendAsync(context, StatusCodes.Status200OK, JsonBody.Object(w =>
        {
            w.WriteStartObject("requests");
            foreach (EmulatorEndpoint e in Enum.GetValues<EmulatorEndpoint>()) w.WriteNumber(FaultNames.Name(e), a.RequestCount(e));
            w.WriteEndObject();
            w.WriteNumber("accepted_submissions", a.AcceptedSubmissions);
            w.WriteNumber("duplicate_submissions", a.DuplicateSubmissions);
            w.WriteNumber("rejected_submissions", a.RejectedSubmissions);
            w.WriteNumber("peak_concurrent_requests", a.PeakConcurrentRequests);
            w.WriteNumber("downloads_with_authorization_header", a.DownloadsWithAuthorizationHeader);
            w.WriteNumber("images_with_authorization_header", a.ImageRequestsWithAuthorizationHeader);
            w.WriteNumber("image_bytes_sent", a.ImageBytesSent);
            w.WriteNumber("ranged_downloads", a.RangedDownloads);
            w.WriteStartObject("jobs");
            w.WriteNumber("in_queue", jobs.InQueue);
            w.WriteNumber("in_progress", jobs.InProgress);
            w.WriteNumber("succeeded", jobs.Succeeded);
            w.WriteNumber("failed", jobs.Failed);
            w.WriteNumber("cancelled", jobs.Cancelled);
            w.WriteEndObject();
        }));
    }

    public static Task ResetAsync(HttpContext context, EmulatorState state)
    {
        state.Reset();
        return SendAsync(context, StatusCodes.Status200OK, JsonBody.Object(w => w.WriteBoolean("reset", true)));
    }

    public static Task SubmissionsAsync(HttpContext context, EmulatorState state) =>
        SendAsync(context, StatusCodes.Status200OK, JsonBody.Write(w =>
        {
            w.WriteStartArray();
            foreach (string body in state.Submissions.Snapshot()) w.WriteRawValue(body);
            w.WriteEndArray();
        }));

    public static Task GetFaultsAsync(HttpContext context, EmulatorState state) =>
        SendAsync(context, StatusCodes.Status200OK, DescribeFaults(state.Options.Faults));

    public static async Task PutFaultsAsync(HttpContext context, EmulatorState state)
    {
        FaultSettings faults = state.Options.Faults;
        try
        {
            using JsonDocument document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            Apply(document.RootElement, faults);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            await SendAsync(context, StatusCodes.Status400BadRequest, JsonBody.Object(w => w.WriteString("error_message", e.Message)));
            return;
        }
        await SendAsync(context, StatusCodes.Status200OK, DescribeFaults(faults));
    }

    private static void Apply(JsonElement root, FaultSettings faults)
    {
        if (root.TryGetProperty("clear", out JsonElement clear) && clear.GetBoolean()) faults.Clear();
        if (root.TryGetProperty("failed_generation_rate", out JsonElement failed)) faults.FailedGenerationRate = failed.GetDouble();
        if (root.TryGetProperty("unknown_status_rate", out JsonElement unknown)) faults.UnknownStatusRate = unknown.GetDouble();
        if (root.TryGetProperty("latency_ms", out JsonElement latency))
        {
            foreach (JsonProperty p in latency.EnumerateObject())
                faults.SetLatency(p.Name.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : Endpoint(p.Name), p.Value.GetInt32());
        }
        if (root.TryGetProperty("rates", out JsonElement rates))
        {
            foreach (JsonProperty endpoint in rates.EnumerateObject())
            {
                foreach (JsonProperty kind in endpoint.Value.EnumerateObject())
                {
                    if (!FaultNames.TryParseKind(kind.Name, out FaultKind k)) throw new FormatException($"Unknown fault kind '{kind.Name}'.");
                    faults.Set(Endpoint(endpoint.Name), k, kind.Value.GetDouble());
                }
            }
        }
    }

    private static EmulatorEndpoint Endpoint(string name) =>
        FaultNames.TryParseEndpoint(name, out EmulatorEndpoint e) ? e : throw new FormatException($"Unknown endpoint '{name}'.");

    private static byte[] DescribeFaults(FaultSettings faults) => JsonBody.Object(w =>
    {
        w.WriteNumber("failed_generation_rate", faults.FailedGenerationRate);
        w.WriteNumber("unknown_status_rate", faults.UnknownStatusRate);
        w.WriteStartObject("latency_ms");
        w.WriteNumber("all", faults.GetLatency(null));
        foreach (EmulatorEndpoint e in Enum.GetValues<EmulatorEndpoint>()) w.WriteNumber(FaultNames.Name(e), faults.GetLatency(e));
        w.WriteEndObject();
        w.WriteStartObject("rates");
        foreach (EmulatorEndpoint e in Enum.GetValues<EmulatorEndpoint>())
        {
            w.WriteStartObject(FaultNames.Name(e));
            foreach (FaultKind k in Enum.GetValues<FaultKind>()) w.WriteNumber(k.ToString(), faults.Get(e, k));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    private static async Task SendAsync(HttpContext context, int status, byte[] body) =>
        await RequestPipeline.SendAsync(context, new ApiResponse(status, body), declareLength: true);
}
