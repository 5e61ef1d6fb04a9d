using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

/// <summary>A percentage tax with the accounts it posts to: output tax on sales, input tax on purchases.</summary>
internal sealed class Tax : Entity
{
    private Tax()
    {
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Percent, e.g. 20 for 20 %.</summary>
    public decimal Rate { get; private set; }

    /// <summary>Prices on lines with this tax already include it (the tax is taken out of the price, not added).</summary>
    public bool PriceIncludesTax { get; private set; }

    public Guid SalesAccountId { get; private set; }
    public Guid PurchaseAccountId { get; private set; }

    public static Tax Define(string code, string name, decimal rate, bool priceIncludesTax, Guid salesAccountId, Guid purchaseAccountId) =>
        new() { Code = code.Trim(), Name = name.Trim(), Rate = rate, PriceIncludesTax = priceIncludesTax, SalesAccountId = salesAccountId, PurchaseAccountId = purchaseAccountId };

    /// <summary>
    /// Splits a line's amount into base and tax, each rounded to the currency's minor unit: tax-excluded
    /// prices add rate % of the amount; tax-included prices take rate / (100 + rate) of it out.
    /// </summary>
    public (decimal Base, decimal Tax) Split(decimal amount, CurrencyCode currency) => Split(amount, Rate, PriceIncludesTax, currency);

    public static (decimal Base, decimal Tax) Split(decimal amount, decimal rate, bool included, CurrencyCode currency)
    {
        var digits = currency.MinorUnits;
        if (included)
        {
            var tax = Math.Round(amount * rate / (100m + rate), digits, MidpointRounding.AwayFromZero);
            return (amount - tax, tax);
        }
        return (amount, Math.Round(amount * rate / 100m, digits, MidpointRounding.AwayFromZero));
    }
}
