using System.Globalization;
using System.Text.Json;

namespace HappyHorse.Emulator.Http;

/// <summary>
/// GET /v1/models/{model_id}: the entry clients use for a cost estimate before submitting; and
/// GET /v1/models: the list RunComfy's CLI pages through (<c>{models, total}</c>, schemas only with
/// <c>include_schema=true</c>, filtered by <c>category</c> and <c>search</c>, paged by <c>limit</c>/<c>offset</c>).
/// </summary>
internal static class CatalogHandler
{
    private const int DefaultLimit = 50;

    public static Task<ApiResponse> HandleAsync(HttpContext context, EmulatorState state)
    {
        EmulatorOptions options = state.Options;
        if (BearerAuth.Token(context, options) is null)
            return Task.FromResult(ApiErrors.Create(options, StatusCodes.Status401Unauthorized, ApiErrors.BadToken, "Invalid or expired token."));

        string modelId = (string?)context.Request.RouteValues["modelId"] ?? "";
        if (modelId.Length == 0) return Task.FromResult(List(context, state));
        if (!state.Catalog.TryGet(modelId, out CatalogModel model))
            return Task.FromResult(ApiErrors.Create(options, StatusCodes.Status400BadRequest, ApiErrors.UnknownModel, $"Unknown model id '{modelId}'."));

        return Task.FromResult(new ApiResponse(StatusCodes.Status200OK, JsonBody.Object(w => WriteEntry(w, model, options, includeSchema: true))));
    }

    private static ApiResponse List(HttpContext context, EmulatorState state)
    {
        IQueryCollection query = context.Request.Query;
        string category = query["category"].ToString().Trim();
        string search = query["search"].ToString().Trim();
        bool includeSchema = string.Equals(query["include_schema"], "true", StringComparison.OrdinalIgnoreCase);
        int limit = Count(query["limit"], DefaultLimit);
        int offset = Count(query["offset"], 0);

        List<CatalogModel> matching = state.Catalog.All
            .Where(m => category.Length == 0 || m.Categories.Contains(category, StringComparer.OrdinalIgnoreCase))
            .Where(m => search.Length == 0 || m.Id.Contains(search, StringComparison.OrdinalIgnoreCase) || m.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return new ApiResponse(StatusCodes.Status200OK, JsonBody.Object(w =>
        {
            w.WriteStartArray("models");
            foreach (CatalogModel model in matching.Skip(offset).Take(limit))
            {
                w.WriteStartObject();
                WriteEntry(w, model, state.Options, includeSchema);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("total", matching.Count);
        }));
    }

    // Fields as RunComfy's clients read them: its CLI shows model_id, display_name, categories and the price.
    private static void WriteEntry(Utf8JsonWriter w, CatalogModel model, EmulatorOptions options, bool includeSchema)
    {
        w.WriteString("model_id", model.Id);
        w.WriteString("display_name", model.DisplayName);
        w.WriteStartArray("categories");
        foreach (string category in model.Categories) w.WriteStringValue(category);
        w.WriteEndArray();
        w.WriteNumber("base_price_usd", model.PriceUsd(options));
        w.WriteString("price_unit", model.Unit.WireName());
        if (!includeSchema) return;
        w.WritePropertyName("input_schema");
        w.WriteRawValue(model.Schema.InputJson);
        w.WritePropertyName("output_schema");
        w.WriteRawValue(model.Schema.OutputJson);
    }

    private static int Count(Microsoft.Extensions.Primitives.StringValues text, int fallback) =>
        int.TryParse(text.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0 ? n : fallback;
}
