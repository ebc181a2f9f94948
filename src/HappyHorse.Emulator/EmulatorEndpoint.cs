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
}
