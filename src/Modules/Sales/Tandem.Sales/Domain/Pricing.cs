using System.Globalization;
using Tandem.SharedKernel;

namespace Tandem.Sales.Domain;

/// <summary>The tax a line carries, as the ledger will apply it: rate in percent, prices gross when it includes tax.</summary>
internal sealed record LineTax(Guid Id, string Code, decimal Rate, bool PriceIncludesTax);

/// <summary>A priced line's figures in the document currency; a value, so pricing a line allocates nothing.</summary>
internal readonly record struct LineAmounts(decimal NetUnitPrice, decimal Net, decimal Tax, decimal Gross);

/// <summary>How a quote or order line is priced: the discount comes off the unit price, then the line is taxed.</summary>
internal static class Pricing
{
    /// <summary>
    /// Unit price less the discount (to 4 decimals, the precision prices are kept in); the line amount is quantity ×
    /// that, rounded to the currency; tax is on the line, rounded to the currency (taken out of it when prices are gross).
    /// </summary>
    public static LineAmounts Line(decimal quantity, decimal unitPrice, decimal discountPercent, LineTax? tax, CurrencyCode currency)
    {
        var digits = currency.MinorUnits;
        var netUnit = decimal.Round(unitPrice * (100m - discountPercent) / 100m, 4, MidpointRounding.AwayFromZero);
        var amount = decimal.Round(quantity * netUnit, digits, MidpointRounding.AwayFromZero);
        if (tax is null || tax.Rate == 0m)
            return new LineAmounts(netUnit, amount, 0m, amount);
        if (tax.PriceIncludesTax)
        {
            var included = decimal.Round(amount * tax.Rate / (100m + tax.Rate), digits, MidpointRounding.AwayFromZero);
            return new LineAmounts(netUnit, amount - included, included, amount);
        }
        var added = decimal.Round(amount * tax.Rate / 100m, digits, MidpointRounding.AwayFromZero);
        return new LineAmounts(netUnit, amount, added, amount + added);
    }
}

/// <summary>
/// The credit rule: exposure = open receivables + confirmed but uninvoiced orders + this document, against the limit;
/// overdue items beyond the tolerance block new credit whatever the limit leaves. Every figure is in the company
/// <see cref="Currency"/>: orders and documents in other currencies are converted at the rates of <see cref="RateDate"/>.
/// The document's own amount and currency are <see cref="DocumentAmount"/> and <see cref="DocumentCurrency"/>.
/// <see cref="RateMissing"/> names a currency in play without a rate: its amounts could not be counted, so with a limit
/// set the exposure cannot be weighed and the document is blocked.
/// </summary>
internal sealed record CreditFigures(decimal OpenReceivables, decimal UninvoicedOrders, decimal Document, decimal? Limit, decimal Overdue, int OverdueToleranceDays, string Currency)
{
    private readonly decimal? _documentAmount;
    private readonly string? _documentCurrency;

    /// <summary>The document in its own currency (the company's unless set).</summary>
    public decimal DocumentAmount { get => _documentAmount ?? Document; init => _documentAmount = value; }

    public string DocumentCurrency { get => _documentCurrency ?? Currency; init => _documentCurrency = value; }

    /// <summary>The day whose rates converted foreign amounts (the latest rate on or before it).</summary>
    public DateOnly? RateDate { get; init; }

    public string? RateMissing { get; init; }

    public decimal Exposure => OpenReceivables + UninvoicedOrders + Document;

    public bool OverLimit => Limit is { } limit && Exposure > limit;

    public bool HasOverdue => Overdue > 0m;

    /// <summary>With a limit set, a currency without a rate leaves the exposure unknown.</summary>
    public bool Unweighable => Limit is not null && RateMissing is not null;

    public bool Blocked => OverLimit || HasOverdue || Unweighable;

    public string Reason => (OverLimit, HasOverdue) switch
    {
        _ when Unweighable => $"No {RateMissing} exchange rate on or before {RateDate:yyyy-MM-dd}: the exposure cannot be weighed against the credit limit {Limit:0.00} {Currency}."
            + (HasOverdue ? $" {Overdue:0.00} {Currency} is overdue beyond the {OverdueToleranceDays}-day tolerance." : ""),
        (true, true) => $"Exposure {Exposure:0.00} {Currency} exceeds the credit limit {Limit:0.00} {Currency}, and {Overdue:0.00} {Currency} is overdue beyond {OverdueToleranceDays} days.",
        (true, false) => $"Exposure {Exposure:0.00} {Currency} (open {OpenReceivables:0.00} + uninvoiced orders {UninvoicedOrders:0.00} + this {Document:0.00}) exceeds the credit limit {Limit:0.00} {Currency}.",
        (false, true) => $"{Overdue:0.00} {Currency} is overdue beyond the {OverdueToleranceDays}-day tolerance.",
        _ => "Within the credit limit.",
    };

    /// <summary>The refusal: <c>currency_rate_missing</c> when the exposure cannot be weighed, otherwise <c>credit_limit_exceeded</c>.</summary>
    public Error ToError() => Unweighable
        ? new Error("currency_rate_missing", Reason + " Enter the rate, or ask for credit approval with requestApproval: true.")
        {
            Data = new Dictionary<string, object?> { ["currency"] = RateMissing, ["date"] = RateDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["credit"] = Json() },
        }
        : new Error("credit_limit_exceeded", Reason + " Ask for approval with requestApproval: true.", ErrorKind.Conflict)
        {
            Data = new Dictionary<string, object?> { ["credit"] = Json() },
        };

    private object Json() => new
    {
        currency = Currency,
        openReceivables = OpenReceivables,
        uninvoicedOrders = UninvoicedOrders,
        document = Document,
        exposure = Exposure,
        limit = Limit,
        overdue = Overdue,
        overdueToleranceDays = OverdueToleranceDays,
        documentCurrency = DocumentCurrency,
        documentAmount = DocumentAmount,
        rateDate = RateDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
