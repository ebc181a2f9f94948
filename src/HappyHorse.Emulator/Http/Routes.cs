namespace HappyHorse.Emulator.Http;

/// <summary>The URL space: the contract's /v1 endpoints, the fake CDN under /files, a third-party image host under /images, and /admin.</summary>
internal static class Routes
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        // {**modelId} keeps the slashes of "happyhorse/happyhorse-1.0/reference-to-video".
        app.MapPost("/v1/models/{**modelId}", Api(state, EmulatorEndpoint.Submit, SubmitHandler.HandleAsync));
        app.MapGet("/v1/models", Api(state, EmulatorEndpoint.Catalog, CatalogHandler.HandleAsync));
        app.MapGet("/v1/models/{**modelId}", Api(state, EmulatorEndpoint.Catalog, CatalogHandler.HandleAsync));
        app.MapGet("/v1/requests/{id}/status", Api(state, EmulatorEndpoint.Status, RequestHandlers.StatusAsync));
        app.MapGet("/v1/requests/{id}/result", Api(state, EmulatorEndpoint.Result, RequestHandlers.ResultAsync));
        app.MapPost("/v1/requests/{id}/cancel", Api(state, EmulatorEndpoint.Cancel, RequestHandlers.CancelAsync));
        app.MapMethods("/files/{file}", [HttpMethods.Get, HttpMethods.Head], context => OutputFileHandler.HandleAsync(context, state));
        app.MapMethods("/images/{name}", [HttpMethods.Get, HttpMethods.Head], context => ImageHandler.HandleAsync(context, state));

        app.MapGet("/admin/stats", context => AdminHandlers.StatsAsync(context, state));
        app.MapPost("/admin/reset", context => AdminHandlers.ResetAsync(context, state));
        app.MapGet("/admin/faults", context => AdminHandlers.GetFaultsAsync(context, state));
        app.MapPut("/admin/faults", context => AdminHandlers.PutFaultsAsync(context, state));
        app.MapGet("/admin/submissions", context => AdminHandlers.SubmissionsAsync(context, state));
    }

    private static RequestDelegate Api(EmulatorState state, EmulatorEndpoint endpoint, Func<HttpContext, EmulatorState, Task<ApiResponse>> handler)
    {
        Func<HttpContext, Task<ApiResponse>> bound = c => handler(c, state);
        return new RequestDelegate(context => RequestPipeline.RunAsync(context, state, endpoint, bound));
    }
}
