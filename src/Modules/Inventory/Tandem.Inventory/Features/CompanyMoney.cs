using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Data;
using Tandem.Platform.Identity;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features;

/// <summary>Stock is valued in the company's currency; this reads it once per request and checks amounts given in it.</summary>
internal sealed class CompanyMoney(PlatformDb platform, InventoryDb db)
{
    private CurrencyCode? _currency;

    public async Task<CurrencyCode> CurrencyAsync(CancellationToken ct)
    {
        if (_currency is { } known)
            return known;
        var companyId = db.CompanyId;
        var code = await platform.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Currency).SingleOrDefaultAsync(ct);
        _currency = CurrencyCode.IsValid(code) ? new CurrencyCode(code!) : CurrencyCode.Eur;
        return _currency.Value;
    }

    /// <summary>The amount of money given in the company currency, or null when none was given.</summary>
    public async Task<Result<decimal?>> AmountAsync(Money? money, string field, CancellationToken ct)
    {
        if (money is not { } given)
            return Result<decimal?>.Success(null);
        var currency = await CurrencyAsync(ct);
        if (given.Currency != currency)
            return new Error("currency_mismatch", $"Stock is valued in {currency}; give {field} in {currency}.") { Fields = new Dictionary<string, string[]> { [field] = [$"In {currency}."] } };
        if (decimal.Round(given.Amount, 4) != given.Amount)
            return Error.Validation(field, "At most 4 decimals.");
        return Result<decimal?>.Success(given.Amount);
    }

    public async Task<Money> OfAsync(decimal amount, CancellationToken ct) => new(amount, await CurrencyAsync(ct));
}
