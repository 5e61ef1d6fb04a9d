namespace Tandem.SharedKernel;

/// <summary>An ISO 4217 alphabetic currency code such as EUR or JPY.</summary>
public readonly record struct CurrencyCode
{
    public string Value { get; }

    public CurrencyCode(string value)
    {
        if (!IsValid(value))
            throw new ArgumentException($"'{value}' is not a three-letter ISO 4217 currency code.", nameof(value));
        Value = value;
    }

    // A loop, not LINQ: this runs for every amount read from a request or a row, and All() boxed an enumerator each time.
    public static bool IsValid(string? value) =>
        value is { Length: 3 } && value[0] is >= 'A' and <= 'Z' && value[1] is >= 'A' and <= 'Z' && value[2] is >= 'A' and <= 'Z';

    /// <summary>Digits after the decimal point that the currency is settled in.</summary>
    /// <remarks>A switch the compiler turns into a few character tests: every rounding asks, so no hash lookup.</remarks>
    public int MinorUnits => Value switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" => 3,
        _ => 2,
    };

    public static CurrencyCode Eur { get; } = new("EUR");
    public static CurrencyCode Usd { get; } = new("USD");

    public override string ToString() => Value;
}
