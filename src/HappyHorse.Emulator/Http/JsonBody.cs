using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HappyHorse.Emulator.Http;

/// <summary>Writes response bodies straight to UTF-8 bytes, field by field, so each shape is visible where it is made.</summary>
internal static class JsonBody
{
    // Relaxed escaping keeps "+00:00" and URLs readable instead of \u002B sequences.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Object(Action<Utf8JsonWriter> writeProperties) => Write(w =>
    {
        w.WriteStartObject();
        writeProperties(w);
        w.WriteEndObject();
    });

    /// <summary>ISO-8601 with fractional seconds and an explicit offset, as RunComfy's clients expect.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
}
