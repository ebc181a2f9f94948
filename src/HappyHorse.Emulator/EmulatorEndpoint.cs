namespace HappyHorse.Emulator;

/// <summary>The endpoints that count requests and accept injected faults.</summary>
public enum EmulatorEndpoint
{
    Submit,
    Status,
    Result,
    Cancel,
    Catalog,
    Download,

    /// <summary>GET/HEAD /images/{name}: the stand-in third-party image host.</summary>
    Image,
}
