using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Platform.Api;

/// <summary>
/// Reads JSON strings, refusing the NUL character: PostgreSQL cannot store it in text, so it would
/// otherwise reach the database and fail there as a 500 instead of a 400.
/// </summary>
public sealed class SafeTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("Expected a string.");
        var value = reader.GetString()!;
        return value.Contains('\0', StringComparison.Ordinal) ? throw new JsonException("Text may not contain the NUL character.") : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
