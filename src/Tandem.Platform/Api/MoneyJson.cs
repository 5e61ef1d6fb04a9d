using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.SharedKernel;

namespace Tandem.Platform.Api;

/// <summary>Money in JSON: <c>{"amount": "1234.50", "currency": "EUR"}</c>, the amount a string so no client rounds it through a double.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Money is an object with amount and currency.");
        string? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
                _ => throw new JsonException($"'{name}' must be a string."),
            };
            if (string.Equals(name, "amount", StringComparison.OrdinalIgnoreCase))
                amount = value;
            else if (string.Equals(name, "currency", StringComparison.OrdinalIgnoreCase))
                currency = value;
            else
                throw new JsonException($"Unknown money field '{name}'.");
        }
        if (!decimal.TryParse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            throw new JsonException("Money amount must be a decimal number written as a string, e.g. \"12.50\".");
        if (!CurrencyCode.IsValid(currency))
            throw new JsonException("Money currency must be a three-letter ISO 4217 code, e.g. \"EUR\".");
        return new Money(parsed, new CurrencyCode(currency!));
    }

    /// <summary>At least the currency's minor digits (12.5 EUR → "12.50"), more when the amount has them.</summary>
    public static string Format(Money value)
    {
        var minor = value.Currency.Value is null ? 2 : value.Currency.MinorUnits;
        // Dividing by 1.000… drops trailing zeros, so 0.2000 read from a numeric(28,4) column prints as 0.20.
        var normalized = value.Amount / 1.0000000000000000000000000000m;
        var scale = (decimal.GetBits(normalized)[3] >> 16) & 0xFF;
        return normalized.ToString("F" + Math.Max(minor, scale), CultureInfo.InvariantCulture);
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("amount", Format(value));
        writer.WriteString("currency", value.Currency.Value);
        writer.WriteEndObject();
    }
}

public sealed class CurrencyCodeJsonConverter : JsonConverter<CurrencyCode>
{
    public override CurrencyCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return CurrencyCode.IsValid(value)
            ? new CurrencyCode(value!)
            : throw new JsonException("A currency is a three-letter ISO 4217 code, e.g. \"EUR\".");
    }

    public override void Write(Utf8JsonWriter writer, CurrencyCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
