using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.ExchangeRates;

/// <summary>A rate: one unit of <c>Currency</c> is worth <c>Rate</c> units of the company currency from <c>Date</c> on.</summary>
public sealed record ExchangeRateDto(Guid Id, CurrencyCode Currency, DateOnly Date, decimal Rate);

public sealed record ExchangeRateInput(string? Currency, DateOnly? Date, decimal Rate);

internal sealed class ExchangeRatesHandler(AccountingDb db, CompanyCurrency company)
{
    public async Task<IReadOnlyList<ExchangeRateDto>> ListAsync(string? currency, CancellationToken ct)
    {
        var query = db.ExchangeRates.AsNoTracking();
        if (CurrencyCode.IsValid(currency))
        {
            var code = new CurrencyCode(currency!);
            query = query.Where(r => r.Currency == code);
        }
        return await query.OrderBy(r => r.Currency).ThenByDescending(r => r.Date).Take(1000)
            .Select(r => new ExchangeRateDto(r.Id, r.Currency, r.Date, r.Rate)).ToListAsync(ct);
    }

    /// <summary>Sets the rate of a currency on a date, replacing the rate already set for that date.</summary>
    public async Task<Result<ExchangeRateDto>> SetAsync(ExchangeRateInput input, CancellationToken ct)
    {
        var companyCurrency = await company.GetAsync(ct);
        var errors = new FieldErrors()
            .When(!CurrencyCode.IsValid(input.Currency), "currency", "A three-letter ISO 4217 code.")
            .When(input.Currency == companyCurrency.Value, "currency", "The company currency has no rate.")
            .When(input.Date is null, "date", "Required.")
            .When(input.Rate <= 0 || input.Rate > 1_000_000m, "rate", "A positive rate up to 1,000,000.")
            .When(decimal.Round(input.Rate, 8) != input.Rate, "rate", "At most 8 decimals.");
        if (errors.Any)
            return errors.ToError();
        var currency = new CurrencyCode(input.Currency!);
        var date = input.Date!.Value;
        var rate = await db.ExchangeRates.SingleOrDefaultAsync(r => r.Currency == currency && r.Date == date, ct);
        if (rate is null)
            db.ExchangeRates.Add(rate = ExchangeRate.Set(currency, date, input.Rate));
        else
            rate.Change(input.Rate);
        await db.SaveChangesAsync(ct);
        return new ExchangeRateDto(rate.Id, rate.Currency, rate.Date, rate.Rate);
    }
}

internal static class ExchangeRateEndpoints
{
    public static void Map(IEndpointRouteBuilder rates)
    {
        rates.MapGet("/", async (string? currency, ExchangeRatesHandler handler, CancellationToken ct) => Results.Ok(await handler.ListAsync(currency, ct)))
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("ListExchangeRates")
            .WithSummary("Exchange rates, newest first per currency");
        rates.MapPost("/", async (ExchangeRateInput input, ExchangeRatesHandler handler, CancellationToken ct) => (await handler.SetAsync(input, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Manage)
            .WithName("SetExchangeRate")
            .WithSummary("Set a currency's rate on a date (company-currency units per unit)");
    }
}
