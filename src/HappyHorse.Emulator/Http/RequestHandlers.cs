using HappyHorse.Emulator.Simulation;

namespace HappyHorse.Emulator.Http;

/// <summary>GET status, GET result and POST cancel of one request, all behind the same token and ownership checks.</summary>
internal static class RequestHandlers
{
    /// <summary>Undocumented value some deployments answer; clients must treat it as still running.</summary>
    public const string UnknownStatus = "warming_up";

    public static Task<ApiResponse> StatusAsync(HttpContext context, EmulatorState state) => Task.FromResult(
        WithOwnedJob(context, state, job =>
        {
            string status = state.StatusDraws.Chance(state.Options.Faults.UnknownStatusRate) ? UnknownStatus : job.State.StatusStatus(state.Options);
            return Ok(w =>
            {
                w.WriteString("request_id", job.Id);
                w.WriteString("status", status);
                if (job.State == JobState.InQueue) w.WriteNumber("queue_position", job.QueuePosition);
                w.WriteString("status_url", Urls.Status(context, job.Id));
                w.WriteString("result_url", Urls.Result(context, job.Id));
            });
        }));

    public static Task<ApiResponse> ResultAsync(HttpContext context, EmulatorState state) => Task.FromResult(
        WithOwnedJob(context, state, job =>
        {
            bool includeCost = string.Equals(context.Request.Query["include_cost"], "true", StringComparison.OrdinalIgnoreCase);
            return Ok(w =>
            {
                w.WriteString("request_id", job.Id);
                w.WriteString("model_id", job.ModelId);
                w.WriteString("status", job.State.ResultStatus(state.Options));
                if (job.State == JobState.Succeeded) WriteOutput(w, context, state.Options, job.Id);
                w.WriteString("created_at", JsonBody.Timestamp(job.CreatedAt));
                if (job.FinishedAt is { } finished) w.WriteString("finished_at", JsonBody.Timestamp(finished));
                if (job.State == JobState.Failed) w.WriteString("error", "Video generation failed: the provider rejected the task (simulated).");
                if (includeCost && job.State.IsFinished())
                    w.WriteNumber("cost", job.State == JobState.Cancelled ? 0m : job.CostUsd);
            });
        }));

    public static Task<ApiResponse> CancelAsync(HttpContext context, EmulatorState state) => Task.FromResult(
        WithOwnedJob(context, state, found =>
        {
            if (state.Jobs.Cancel(found.Id) is not (var job, var cancelled, var byThisCall)) return NotFound(state.Options, found.Id); // reset meanwhile
            EmulatorOptions options = state.Options;
            // In the cancellation_requested dialect the answer describes the moment of the request: still
            // queued, cancelled from the next call on.
            bool requested = byThisCall && options.CancelAnswerRequested;
            string status = requested ? JobState.InQueue.StatusStatus(options) : job.State.StatusStatus(options);
            string outcome = requested ? Dialect.CancellationRequested : cancelled ? options.CancelledWord : Dialect.NotCancellable;
            return new ApiResponse(StatusCodes.Status202Accepted, JsonBody.Object(w =>
            {
                if (!options.CancelAnswerOutcomeOnly)
                {
                    w.WriteString("request_id", job.Id);
                    w.WriteString("status", status);
                }
                w.WriteString("outcome", outcome);
            }));
        }));

    private static void WriteOutput(System.Text.Json.Utf8JsonWriter w, HttpContext context, EmulatorOptions options, string id)
    {
        w.WriteStartObject("output");
        if (options.OutputAsVideosArray)
        {
            w.WriteStartArray("videos");
            w.WriteStringValue(Urls.Output(context, id));
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("video", Urls.Output(context, id));
        }
        w.WriteEndObject();
    }

    // Ownership is checked before anything is revealed or changed: another token's job answers 403001.
    private static ApiResponse WithOwnedJob(HttpContext context, EmulatorState state, Func<JobView, ApiResponse> answer)
    {
        EmulatorOptions options = state.Options;
        string? token = BearerAuth.Token(context, options);
        if (token is null) return ApiErrors.Create(options, StatusCodes.Status401Unauthorized, ApiErrors.BadToken, "Invalid or expired token.");

        string id = (string?)context.Request.RouteValues["id"] ?? "";
        if (state.Jobs.Find(id) is not { } job) return NotFound(options, id);
        if (job.Token != token) return ApiErrors.Create(options, StatusCodes.Status403Forbidden, ApiErrors.ForeignRequest, "This request belongs to another account.");
        return answer(job);
    }

    private static ApiResponse NotFound(EmulatorOptions options, string id) =>
        ApiErrors.Create(options, StatusCodes.Status404NotFound, ApiErrors.UnknownRequest, $"Request '{id}' not found or expired.");

    private static ApiResponse Ok(Action<System.Text.Json.Utf8JsonWriter> write) => new(StatusCodes.Status200OK, JsonBody.Object(write));
}
