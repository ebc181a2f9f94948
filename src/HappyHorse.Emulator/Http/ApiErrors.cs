using HappyHorse.Emulator.Validation;

namespace HappyHorse.Emulator.Http;

/// <summary>The contract's error bodies: <c>{error_code, error_message, detail?}</c>.</summary>
internal static class ApiErrors
{
    public const int UnknownModel = 400001;      // HTTP 400
    public const int NoBalance = 400002;         // HTTP 402
    public const int InvalidInput = 400003;      // HTTP 422, with detail
    public const int BadToken = 400004;          // HTTP 401
    public const int ForeignRequest = 403001;    // HTTP 403
    public const int UnknownRequest = 404001;    // HTTP 404

    public static ApiResponse Create(EmulatorOptions options, int httpStatus, int code, string message, IReadOnlyList<Violation>? detail = null)
    {
        byte[] body = JsonBody.Object(w =>
        {
            w.WriteNumber("error_code", code);
            w.WriteString("error_message", message);
            if (detail is null) return;
            w.WriteStartArray("detail");
            foreach (Violation violation in detail)
            {
                w.WriteStartObject();
                w.WriteString("field", violation.Field);
                w.WriteString("message", violation.Message);
                if (violation.Value is { } value)
                {
                    w.WritePropertyName("value");
                    value.WriteTo(w);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        return new ApiResponse(options.ErrorsAsHttp200 ? StatusCodes.Status200OK : httpStatus, body);
    }
}
