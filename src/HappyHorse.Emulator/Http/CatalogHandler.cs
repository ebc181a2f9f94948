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
        if (!state.Catalog.TryGet(modelId, out CatalogModel model))
            return Task.FromResult(ApiErrors.Create(options, StatusCodes.Status400BadRequest, ApiErrors.UnknownModel, $"Unknown model id '{modelId}'."));

        return Task.FromResult(new ApiResponse(StatusCodes.Status200OK, JsonBody.Object(w =>
        {
            w.WriteString("model_id", model.Id);
            w.WriteString("name", model.Name);
            w.WriteNumber("base_price_usd", model.PriceUsd(options));
            w.WriteString("price_unit", model.Unit.WireName());
            w.WritePropertyName("input_schema");
            w.WriteRawValue(model.Schema.InputJson);
            w.WritePropertyName("output_schema");
            w.WriteRawValue(model.Schema.OutputJson);
        })));
    }
}
