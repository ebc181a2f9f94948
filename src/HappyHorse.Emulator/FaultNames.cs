namespace HappyHorse.Emulator;

/// <summary>Names accepted for endpoints and fault kinds on the command line and in PUT /admin/faults.</summary>
public static class FaultNames
{
    private static readonly Dictionary<string, FaultKind> KindAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["429"] = FaultKind.RateLimit429,
        ["500"] = FaultKind.ServerError500Html,
        ["502"] = FaultKind.BadGateway502Html,
        ["503"] = FaultKind.Unavailable503Html,
        ["drop-before"] = FaultKind.DropBeforeAccept,
        ["drop_before_accept"] = FaultKind.DropBeforeAccept,
        ["drop-after"] = FaultKind.DropAfterAccept,
        ["drop_after_accept"] = FaultKind.DropAfterAccept,
        ["truncated"] = FaultKind.TruncatedJson,
        ["truncated_json"] = FaultKind.TruncatedJson,
    };

    /// <summary>Enum name (any case) or alias: 429, 500, 502, 503, drop-before, drop-after, truncated.</summary>
    public static bool TryParseKind(string text, out FaultKind kind) =>
        KindAliases.TryGetValue(text, out kind) || (Enum.TryParse(text, ignoreCase: true, out kind) && !int.TryParse(text, out _));

    /// <summary>submit, status, result, cancel, catalog, download, image (any case).</summary>
    public static bool TryParseEndpoint(string text, out EmulatorEndpoint endpoint) =>
        Enum.TryParse(text, ignoreCase: true, out endpoint) && !int.TryParse(text, out _);

    public static string Name(EmulatorEndpoint endpoint) => endpoint.ToString().ToLowerInvariant();
}
