namespace Tandem.SharedKernel;

/// <summary>An ISO 4217 alphabetic currency code such as EUR or JPY.</summary>
public readonly record struct CurrencyCode
{
    private static readonly Dictionary<string, int> MinorUnitExceptions = new(StringComparer.Ordinal)
    {
        ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0, ["CLP"] = 0, ["ISK"] = 0,
        ["BHD"] = 3, ["KWD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3,
    };

    public string Value { get; }

    public CurrencyCode(string value)
    {
        if (!IsValid(value))
            throw new ArgumentException($"'{value}' is not a three-letter ISO 4217 currency code.", nameof(value));
        Value = value;
    }

    public static bool IsValid(string? value) =>
        value is { Length: 3 } && value.All(c => c is >= 'A' and <= 'Z');

    /// <summary>Digits after the decimal point that the currency is settled in.</summary>
    public int MinorUnits => MinorUnitExceptions.GetValueOrDefault(Value, 2);

    public static CurrencyCode Eur => new("EUR");
    public static CurrencyCode Usd => new("USD");

    public override string ToString() => Value;
}
