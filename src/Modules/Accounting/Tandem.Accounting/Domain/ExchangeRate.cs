using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

/// <summary>How many units of the company currency one unit of a foreign currency is worth from a date on.</summary>
internal sealed class ExchangeRate : Entity
{
    private ExchangeRate()
    {
    }

    public CurrencyCode Currency { get; private set; }
    public DateOnly Date { get; private set; }

    public decimal Rate { get; private set; }

    public static ExchangeRate Set(CurrencyCode currency, DateOnly date, decimal rate) => new() { Currency = currency, Date = date, Rate = rate };

    public void Change(decimal rate) => Rate = rate;

    /// <summary>The company-currency value of a foreign amount, rounded to the company currency's minor unit.</summary>
    public static decimal Convert(decimal amount, decimal rate, CurrencyCode companyCurrency) =>
        Math.Round(amount * rate, companyCurrency.MinorUnits, MidpointRounding.AwayFromZero);
}
