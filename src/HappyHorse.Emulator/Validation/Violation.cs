using System.Text.Json;

namespace HappyHorse.Emulator.Validation;

/// <summary>One entry of a validation error's <c>detail</c> array.</summary>
internal sealed record Violation(string Field, string Message, JsonElement? Value = null);
