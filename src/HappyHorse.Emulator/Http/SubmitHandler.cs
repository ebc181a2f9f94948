using System.Text;
using System.Text.Json;
using HappyHorse.Emulator.Validation;

namespace HappyHorse.Emulator.Http;

/// <summary>POST /v1/models/{model_id}: validate, charge, queue, answer the job's URLs.</summary>
internal static class SubmitHandler
{
    /// <summary>The largest body taken: 64 MiB, the limit RunComfy's own ComfyUI node works to (inline images make bodies big).</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    public static async Task<ApiResponse> HandleAsync(HttpContext context, EmulatorState state)
    {
        EmulatorOptions options = state.Options;
        string? token = BearerAuth.Token(context, options);
        if (token is null) return Reject(state, StatusCodes.Status401Unauthorized, ApiErrors.BadToken, "Invalid or expired token.");

        string modelId = (string?)context.Request.RouteValues["modelId"] ?? "";
        if (!state.Catalog.TryGet(modelId, out CatalogModel model))
            return Reject(state, StatusCodes.Status400BadRequest, ApiErrors.UnknownModel, $"Unknown model id '{modelId}'.");

        string body;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            state.Accounting.SubmissionRejected();
            return ApiErrors.Create(options, StatusCodes.Status413PayloadTooLarge, ApiErrors.InvalidInput, "Request body too large.",
                [new Violation("body", $"is larger than {MaxBodyBytes:N0} bytes (64 MiB); shrink the inline images or send them as https URLs")]);
        }
        InputValidator.Outcome outcome = InputValidator.Validate(model.Schema, body, options.AcceptDataImages);
        if (outcome.Violations.Count > 0)
        {
            state.Accounting.SubmissionRejected();
            return ApiErrors.Create(options, StatusCodes.Status422UnprocessableEntity, ApiErrors.InvalidInput, "Input validation failed.", outcome.Violations);
        }

        // Priced now, not when the result is read: a price changed later does not rewrite what was charged.
        decimal cost = model.CostUsd(options, outcome.DurationSeconds);
        if (!state.TryCharge(cost))
            return Reject(state, StatusCodes.Status402PaymentRequired, ApiErrors.NoBalance, "Insufficient balance.");

        // Drawn even when the prompt decides, so a seeded run's later draws do not shift.
        bool willFail = state.GenerationDraws.Chance(options.Faults.FailedGenerationRate);
        willFail |= PromptContains(body, options.Faults.FailPromptContaining);
        var job = state.Jobs.Submit(token, modelId, CatalogModel.GenerationSeconds(outcome.DurationSeconds), cost, willFail);
        bool duplicate = state.Submissions.Record(modelId, outcome.RecordedBody ?? body, outcome.CanonicalBody!);
        state.Accounting.SubmissionAccepted(duplicate);

        return new ApiResponse(StatusCodes.Status200OK, JsonBody.Object(w =>
        {
            w.WriteString("request_id", job.Id);
            w.WriteString("status_url", Urls.Status(context, job.Id));
            w.WriteString("result_url", Urls.Result(context, job.Id));
            w.WriteString("cancel_url", Urls.Cancel(context, job.Id));
        }));
    }

    private static bool PromptContains(string body, string? text)
    {
        if (text == null) return false;
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("prompt", out JsonElement prompt) && prompt.ValueKind == JsonValueKind.String
            && prompt.GetString()!.Contains(text, StringComparison.Ordinal);
    }

    private static ApiResponse Reject(EmulatorState state, int httpStatus, int code, string message)
    {
        state.Accounting.SubmissionRejected();
        return ApiErrors.Create(state.Options, httpStatus, code, message);
    }
}
