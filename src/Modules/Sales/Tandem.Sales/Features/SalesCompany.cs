using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Identity;
using Tandem.Sales.Data;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features;

/// <summary>The current company's currency and today's date, read once per request.</summary>
internal sealed class SalesCompany(PlatformDb platform, SalesDb db, TimeProvider clock)
{
    private CurrencyCode? _currency;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<CurrencyCode> CurrencyAsync(CancellationToken ct)
    {
        if (_currency is { } known)
            return known;
        var companyId = db.CompanyId;
        var code = await platform.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Currency).SingleOrDefaultAsync(ct);
        _currency = CurrencyCode.IsValid(code) ? new CurrencyCode(code!) : CurrencyCode.Eur;
        return _currency.Value;
    }
}
