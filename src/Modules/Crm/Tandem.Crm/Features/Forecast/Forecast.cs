using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Forecast;

/// <summary>
/// One month and owner of the forecast: the open pipeline, its weighted value (amount × stage probability)
/// and what was already won, per currency.
/// </summary>
public sealed record ForecastRow(string Month, Guid? OwnerId, string Currency, int OpenCount, Money Pipeline, Money Weighted, int WonCount, Money Won);

/// <summary>Weighted pipeline and forecast per expected close month and owner, summed in SQL.</summary>
internal sealed class ForecastQuery(CrmVisibility visibility)
{
    public async Task<Result<IReadOnlyList<ForecastRow>>> HandleAsync(string? from, string? to, Guid? ownerId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var fromMonth = ParseMonth(from, "from", errors) ?? 0;
        var toMonth = ParseMonth(to, "to", errors) ?? 999912;
        if (errors.Any)
            return errors.ToError();
        var query = (await visibility.OpportunitiesAsync(ct)).Where(o => o.CloseMonth >= fromMonth && o.CloseMonth <= toMonth);
        if (ownerId is { } owner)
            query = query.Where(o => o.OwnerId == owner);
        var open = await query.Where(o => o.StageKind == StageKind.Open)
            .GroupBy(o => new { o.CloseMonth, o.OwnerId, o.Amount.Currency })
            .Select(g => new { g.Key.CloseMonth, g.Key.OwnerId, g.Key.Currency, Count = g.Count(), Amount = g.Sum(o => o.Amount.Amount), Weighted = g.Sum(o => o.WeightedAmount.Amount) })
            .ToListAsync(ct);
        var won = await query.Where(o => o.StageKind == StageKind.Won)
            .GroupBy(o => new { o.CloseMonth, o.OwnerId, o.Amount.Currency })
            .Select(g => new { g.Key.CloseMonth, g.Key.OwnerId, g.Key.Currency, Count = g.Count(), Amount = g.Sum(o => o.Amount.Amount) })
            .ToListAsync(ct);
        var keys = open.Select(o => (o.CloseMonth, o.OwnerId, Currency: o.Currency.Value)).Union(won.Select(w => (w.CloseMonth, w.OwnerId, Currency: w.Currency.Value)));
        return keys
            .Select(k =>
            {
                var o = open.SingleOrDefault(x => x.CloseMonth == k.CloseMonth && x.OwnerId == k.OwnerId && x.Currency.Value == k.Currency);
                var w = won.SingleOrDefault(x => x.CloseMonth == k.CloseMonth && x.OwnerId == k.OwnerId && x.Currency.Value == k.Currency);
                var currency = new CurrencyCode(k.Currency);
                return new ForecastRow($"{k.CloseMonth / 100:D4}-{k.CloseMonth % 100:D2}", k.OwnerId, k.Currency,
                    o?.Count ?? 0, new Money(o?.Amount ?? 0, currency), new Money(o?.Weighted ?? 0, currency), w?.Count ?? 0, new Money(w?.Amount ?? 0, currency));
            })
            .OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.OwnerId).ThenBy(r => r.Currency, StringComparer.Ordinal)
            .ToList();
    }

    private static int? ParseMonth(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.Year * 100 + date.Month;
        errors.Add(field, "A month as yyyy-MM.");
        return null;
    }
}

internal static class ForecastEndpoint
{
    public static void Map(IEndpointRouteBuilder crm) =>
        crm.MapGet("/forecast", async (string? from, string? to, Guid? ownerId, ForecastQuery query, CancellationToken ct) =>
                (await query.HandleAsync(from, to, ownerId, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithTags("CRM opportunities").WithName("Forecast")
            .WithSummary("Weighted pipeline and won amounts per expected close month and owner (from/to as yyyy-MM)");
}
