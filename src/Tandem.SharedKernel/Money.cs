using System.Globalization;

namespace Tandem.SharedKernel;

/// <summary>An exact amount in one currency. Arithmetic across two currencies is refused.</summary>
public readonly record struct Money(decimal Amount, CurrencyCode Currency)
{
    public static Money Zero(CurrencyCode currency) => new(0m, currency);

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));
    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));
    public static Money operator -(Money value) => value with { Amount = -value.Amount };
    public static Money operator *(Money value, decimal factor) => value with { Amount = value.Amount * factor };

    public static bool operator >(Money left, Money right) => Compare(left, right) > 0;
    public static bool operator <(Money left, Money right) => Compare(left, right) < 0;
    public static bool operator >=(Money left, Money right) => Compare(left, right) >= 0;
    public static bool operator <=(Money left, Money right) => Compare(left, right) <= 0;

    public Money Add(Money other) => this + other;
    public Money Subtract(Money other) => this - other;
    public Money Negate() => -this;
    public Money Multiply(decimal factor) => this * factor;

    /// <summary>Rounds half away from zero to the currency's minor unit, as invoices print it.</summary>
    public Money Round() => this with { Amount = Math.Round(Amount, Currency.MinorUnits, MidpointRounding.AwayFromZero) };

    public override string ToString() => $"{Amount.ToString("0.00##", CultureInfo.InvariantCulture)} {Currency}";

    private static int Compare(Money left, Money right)
    {
        SameCurrency(left, right);
        return left.Amount.CompareTo(right.Amount);
    }

    private static CurrencyCode SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new CurrencyMismatchException(left.Currency, right.Currency);
}

public sealed class CurrencyMismatchException(CurrencyCode left, CurrencyCode right)
    : InvalidOperationException($"Cannot combine amounts in {left} and {right}.");
