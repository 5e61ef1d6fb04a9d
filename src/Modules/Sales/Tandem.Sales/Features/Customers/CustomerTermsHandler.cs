using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Platform.Persistence;
using Tandem.Sales.Data;
using Tandem.Sales.Domain;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Customers;

internal sealed record CustomerTermsInput(string? PriceList, string? Currency, Guid? WarehouseId, Guid? PaymentTermId);

internal sealed record CustomerTermsDto(Guid CustomerId, string? PriceList, string? Currency, Guid? WarehouseId, Guid? PaymentTermId, long Version);

/// <summary>A customer's sales settings: price list, currency, shipping warehouse and payment term.</summary>
internal sealed class CustomerTermsHandler(SalesDb db, DbSession session, IPartiesModule parties, IInventoryModule inventory)
{
    public async Task<Result<CustomerTermsDto>> GetAsync(Guid partyId, CancellationToken ct)
    {
        if (await parties.FindAsync(partyId, ct) is null)
            return Error.NotFound("Customer");
        var terms = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.PartyId == partyId, ct);
        return terms is null ? new CustomerTermsDto(partyId, null, null, null, null, 0) : ToDto(terms);
    }

    public async Task<Result<CustomerTermsDto>> SetAsync(Guid partyId, CustomerTermsInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Optional("priceList", input.PriceList, 50)
            .When(input.Currency is not null && !CurrencyCode.IsValid(input.Currency), "currency", "A three-letter ISO 4217 code.");
        if (errors.Any)
            return errors.ToError();
        if (await parties.FindAsync(partyId, ct) is null)
            return Error.NotFound("Customer");
        if (input.WarehouseId is { } w && await inventory.FindWarehouseAsync(w, ct) is null)
            return new Error("not_found", "Warehouse was not found.", ErrorKind.NotFound) { Fields = new Dictionary<string, string[]> { ["warehouseId"] = ["Unknown."] } };
        await using var unit = await session.BeginAsync(ct);
        var terms = await db.Customers.SingleOrDefaultAsync(c => c.PartyId == partyId, ct);
        if (checkVersion(terms?.Version ?? 0) is { } stale)
            return stale;
        if (terms is null)
        {
            terms = CustomerTerms.For(partyId);
            db.Customers.Add(terms);
        }
        terms.Change(input.PriceList, input.Currency is { } c ? new CurrencyCode(c.ToUpperInvariant()) : null, input.WarehouseId, input.PaymentTermId);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(terms);
    }

    private static CustomerTermsDto ToDto(CustomerTerms t) => new(t.PartyId, t.PriceList, t.Currency, t.WarehouseId, t.PaymentTermId, t.Version);
}
