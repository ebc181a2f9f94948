using HappyHorse.Emulator.Validation;

namespace HappyHorse.Emulator.Http;

/// <summary>GET /v1/models/{model_id}: the entry clients use for a cost estimate before submitting.</summary>
internal static class CatalogHandler
{
    public static Task<ApiResponse> HandleAsync(HttpContext context, EmulatorState state)
    {
        EmulatorOptions options = state.Options;
        if (BearerAuth.Token(context, options) is null)
            return Task.FromResult(ApiErrors.Create(options, StatusCodes.Status401Unauthorized, ApiErrors.BadToken, "Invalid or expired token."));

        string modelId = (string?)context.Request.RouteValues["modelId"] ?? "";
        if (!state.Catalog.TryGet(modelId, out ModelSchema schema, out string name))
            return Task.FromResult(ApiErrors.Create(options, StatusCodes.Status400BadRequest, ApiErrors.UnknownModel, $"Unknown model id '{modelId}'."));

        return Task.FromResult(new ApiResponse(StatusCodes.Status200OK, JsonBody.Object(w =>
        {
            w.WriteString("model_id", schema.ModelId);
            w.WriteString("name", name);
            w.WriteNumber("base_price_usd", options.BasePriceUsd);
            w.WriteString("price_unit", "second");
            w.WritePropertyName("input_schema");
            w.WriteRawValue(schema.InputJson);
            w.WritePropertyName("output_schema");
            w.WriteRawValue(schema.OutputJson);
        })));
    }
}
