namespace HappyHorse.Emulator.Http;

/// <summary>A JSON answer built before it is sent, so a fault can still cut or drop it afterwards.</summary>
internal readonly record struct ApiResponse(int StatusCode, byte[] Body);
