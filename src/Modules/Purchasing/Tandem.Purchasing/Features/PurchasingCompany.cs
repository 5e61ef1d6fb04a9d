using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Identity;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Features;

/// <summary>The current company's currency and purchasing settings, read once per request.</summary>
internal sealed class PurchasingCompany(PlatformDb platform, PurchasingDb db)
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

    /// <summary>The company's settings, or the defaults when it never saved any.</summary>
    public async Task<PurchasingSettings> SettingsAsync(CancellationToken ct) =>
        await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? PurchasingSettings.Default();
}
