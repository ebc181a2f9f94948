namespace HappyHorse.Emulator;

/// <summary>Injected failures. The first five answer before the request is handled; the last two after.</summary>
public enum FaultKind
{
    /// <summary>429 with a Retry-After header.</summary>
    RateLimit429,
    /// <summary>500 with an HTML page.</summary>
    ServerError500Html,
    /// <summary>502 with an HTML page, as a proxy answers.</summary>
    BadGateway502Html,
    /// <summary>503 with an HTML page.</summary>
    Unavailable503Html,
    /// <summary>The connection is aborted before anything happens: nothing was accepted.</summary>
    DropBeforeAccept,
    /// <summary>The request is fully handled (a submit creates its job), then the connection is aborted.</summary>
    DropAfterAccept,
    /// <summary>The request is handled, then its JSON answer is cut in half (a download is cut mid-body).</summary>
    TruncatedJson,
}
