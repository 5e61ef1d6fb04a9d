using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Contracts;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Features.SupplierPrices;

internal sealed record PriceInput(Guid SupplierId, Guid ProductId, decimal? MinQuantity, Money? UnitPrice, DateOnly? ValidFrom, DateOnly? ValidTo);

internal sealed record PriceDto(Guid Id, Guid SupplierId, Guid ProductId, decimal MinQuantity, Money UnitPrice, DateOnly? ValidFrom, DateOnly? ValidTo, long Version);

/// <summary>Supplier price lists: per product and supplier, from a minimum quantity, in a currency, between dates.</summary>
internal sealed class SupplierPriceHandler(PurchasingDb db, DbSession session, ICatalogModule catalog, IPartiesModule parties)
{
    public async Task<IReadOnlyList<PriceDto>> ListAsync(Guid? productId, Guid? supplierId, CancellationToken ct)
    {
        var query = db.Prices.AsNoTracking();
        if (productId is { } p)
            query = query.Where(x => x.ProductId == p);
        if (supplierId is { } s)
            query = query.Where(x => x.SupplierId == s);
        var rows = await query.OrderBy(x => x.ProductId).ThenBy(x => x.SupplierId).ThenBy(x => x.MinQuantity).Take(1000).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    public async Task<Result<PriceDto>> CreateAsync(PriceInput input, CancellationToken ct)
    {
        if (await ValidateAsync(input, ct) is { } invalid)
            return invalid;
        await using var unit = await session.BeginAsync(ct);
        var price = SupplierPrice.For(input.SupplierId, input.ProductId);
        price.Change(input.MinQuantity ?? 0m, input.UnitPrice!.Value.Amount, input.UnitPrice.Value.Currency, input.ValidFrom, input.ValidTo);
        db.Prices.Add(price);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(price);
    }

    public async Task<Result<PriceDto>> UpdateAsync(Guid id, PriceInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var price = await db.Prices.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (price is null)
            return Error.NotFound("Supplier price");
        if (checkVersion(price.Version) is { } stale)
            return stale;
        if (input.SupplierId != price.SupplierId || input.ProductId != price.ProductId)
            return Error.Validation("productId", "The supplier and product of a price do not change; add a new price instead.");
        if (await ValidateAsync(input, ct) is { } invalid)
            return invalid;
        price.Change(input.MinQuantity ?? 0m, input.UnitPrice!.Value.Amount, input.UnitPrice.Value.Currency, input.ValidFrom, input.ValidTo);
        await db.SaveChangesAsync(ct);
        return ToDto(price);
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var price = await db.Prices.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (price is null)
            return Error.NotFound("Supplier price");
        db.Prices.Remove(price);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Error?> ValidateAsync(PriceInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .When(input.SupplierId == Guid.Empty, "supplierId", "Required.")
            .When(input.ProductId == Guid.Empty, "productId", "Required.")
            .When(input.MinQuantity is < 0 or > 1_000_000_000m || (input.MinQuantity is { } m && decimal.Round(m, 4) != m), "minQuantity", "From 0 with at most 4 decimals.")
            .When(input.UnitPrice is null, "unitPrice", "Required.")
            .When(input.UnitPrice is { } u && (u.Amount < 0 || u.Amount > 1_000_000_000m || decimal.Round(u.Amount, 4) != u.Amount), "unitPrice", "From 0 with at most 4 decimals.")
            .When(input.ValidFrom is { } f && input.ValidTo is { } t && t < f, "validTo", "On or after validFrom.");
        if (errors.Any)
            return errors.ToError();
        var supplier = await parties.FindAsync(input.SupplierId, ct);
        if (supplier is null)
            return new Error("supplier_unknown", "No such party in this company.", ErrorKind.NotFound);
        if (!supplier.IsSupplier)
            return new Error("party_not_supplier", $"{supplier.Name} is not a supplier.");
        var product = await catalog.FindAsync(input.ProductId, ct);
        if (product is null)
            return Error.NotFound("Product");
        return null;
    }

    private static PriceDto ToDto(SupplierPrice p) =>
        new(p.Id, p.SupplierId, p.ProductId, p.MinQuantity, new Money(p.UnitPrice, p.Currency), p.ValidFrom, p.ValidTo, p.Version);
}

internal static class SupplierPriceEndpoints
{
    public static void Map(IEndpointRouteBuilder purchasing)
    {
        purchasing.MapGet("/prices", async (Guid? product, Guid? supplier, SupplierPriceHandler handler, CancellationToken ct) =>
                Results.Ok(await handler.ListAsync(product, supplier, ct)))
            .RequireAuthorization(PurchasingPermissions.Read).WithName("ListSupplierPrices").WithSummary("Supplier price lists, by product and supplier");
        purchasing.MapPost("/prices", async (PriceInput input, SupplierPriceHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(p => Results.Created($"/api/v1/purchasing/prices/{p.Id}", p)))
            .RequireAuthorization(PurchasingPermissions.Manage).WithName("CreateSupplierPrice").WithSummary("Add a supplier's price for a product from a minimum quantity");
        purchasing.MapPut("/prices/{id:guid}", async (Guid id, PriceInput input, SupplierPriceHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, p => p.Version))
            .RequireAuthorization(PurchasingPermissions.Manage).WithName("UpdateSupplierPrice").WithSummary("Change a supplier price (If-Match)");
        purchasing.MapDelete("/prices/{id:guid}", async (Guid id, SupplierPriceHandler handler, CancellationToken ct) =>
                (await handler.DeleteAsync(id, ct)).ToHttp(_ => Results.NoContent()))
            .RequireAuthorization(PurchasingPermissions.Manage).WithName("DeleteSupplierPrice").WithSummary("Remove a supplier price");
    }
}
