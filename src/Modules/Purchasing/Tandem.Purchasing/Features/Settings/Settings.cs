using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Contracts;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Features.Settings;

/// <summary>Every value is required, so a partial body never resets the others to zero.</summary>
internal sealed record SettingsInput(Money? ApprovalThreshold, decimal? OverReceiptTolerancePercent, decimal? QuantityTolerancePercent, decimal? PriceTolerancePercent);

internal sealed record SettingsDto(Money ApprovalThreshold, decimal OverReceiptTolerancePercent, decimal QuantityTolerancePercent, decimal PriceTolerancePercent, long Version);

/// <summary>The company's approval threshold and tolerances.</summary>
internal sealed class SettingsHandler(PurchasingDb db, DbSession session, PurchasingCompany company)
{
    public async Task<SettingsDto> GetAsync(CancellationToken ct) => await ToDtoAsync(await company.SettingsAsync(ct), ct);

    public async Task<Result<SettingsDto>> SaveAsync(SettingsInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var currency = await company.CurrencyAsync(ct);
        var errors = new FieldErrors()
            .When(input.ApprovalThreshold is null, "approvalThreshold", "Required (zero: no approval).")
            .When(input.ApprovalThreshold is { } t && t.Currency != currency, "approvalThreshold", $"In {currency}.")
            .When(input.OverReceiptTolerancePercent is null, "overReceiptTolerancePercent", "Required.")
            .When(input.QuantityTolerancePercent is null, "quantityTolerancePercent", "Required.")
            .When(input.PriceTolerancePercent is null, "priceTolerancePercent", "Required.");
        if (errors.Any)
            return errors.ToError();
        var (threshold, over, quantity, price) = (input.ApprovalThreshold!.Value.Amount, input.OverReceiptTolerancePercent!.Value, input.QuantityTolerancePercent!.Value, input.PriceTolerancePercent!.Value);
        if (PurchasingSettings.Validate(threshold, over, quantity, price) is { } invalid)
            return invalid;
        await using var unit = await session.BeginAsync(ct);
        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (checkVersion(settings?.Version ?? 0) is { } stale)
            return stale;
        if (settings is null)
        {
            settings = PurchasingSettings.Default();
            db.Settings.Add(settings);
        }
        settings.Change(threshold, over, quantity, price);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(settings, ct);
    }

    private async Task<SettingsDto> ToDtoAsync(PurchasingSettings s, CancellationToken ct) =>
        new(new Money(s.ApprovalThreshold, await company.CurrencyAsync(ct)), s.OverReceiptTolerancePercent, s.QuantityTolerancePercent, s.PriceTolerancePercent, s.Version);
}

internal static class SettingsEndpoints
{
    public static void Map(IEndpointRouteBuilder purchasing)
    {
        purchasing.MapGet("/settings", async (SettingsHandler handler, HttpContext http, CancellationToken ct) =>
            {
                var settings = await handler.GetAsync(ct);
                ETags.Write(http.Response, settings.Version);
                return Results.Ok(settings);
            })
            .RequireAuthorization(PurchasingPermissions.Read).WithName("GetPurchasingSettings")
            .WithSummary("The company's approval threshold and its over-receipt, quantity and price tolerances");
        purchasing.MapPut("/settings", async (SettingsInput input, SettingsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, s => s.Version))
            .RequireAuthorization(PurchasingPermissions.Manage).WithName("SavePurchasingSettings")
            .WithSummary("Set the approval threshold and tolerances (If-Match: the version read, \"0\" before the first save)");
    }
}
