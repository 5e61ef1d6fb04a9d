using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features.LookupPrice;

/// <summary>Prices a quantity of a product on a date from a price list, falling back to the list price.</summary>
internal sealed class PriceLookup(CatalogDb db)
{
    public async Task<Result<PriceQuote>> HandleAsync(PriceQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .When(query.Quantity <= 0, "quantity", "Greater than zero.")
            .When(query.Quantity > 1_000_000_000m, "quantity", "Too large.")
            .When(query.Date == default, "date", "Required, as yyyy-MM-dd.")
            .Optional("priceList", query.PriceList, 20);
        if (errors.Any)
            return errors.ToError();
        var product = await db.Products.AsNoTracking().Where(p => p.Id == query.ProductId)
            .Select(p => new { p.Id, p.Unit, p.ListPrice }).SingleOrDefaultAsync(ct);
        if (product is null)
            return Error.NotFound("Product");

        var quantity = query.Quantity;
        if (!string.IsNullOrWhiteSpace(query.Unit) && query.Unit != product.Unit)
        {
            var units = await db.Units.AsNoTracking().Where(u => u.Code == query.Unit || u.Code == product.Unit).ToListAsync(ct);
            var from = units.FirstOrDefault(u => u.Code == query.Unit);
            var to = units.FirstOrDefault(u => u.Code == product.Unit);
            if (from is null || to is null)
                return new Error("unknown_unit", $"{query.Unit} cannot be converted to the product's unit {product.Unit}.") { Fields = new Dictionary<string, string[]> { ["unit"] = ["No such unit."] } };
            var converted = from.Convert(quantity, to);
            if (!converted.IsSuccess)
                return converted.Error!;
            quantity = converted.Value;
        }

        if (!string.IsNullOrWhiteSpace(query.PriceList))
        {
            var code = query.PriceList.Trim().ToUpperInvariant();
            if (!await db.PriceLists.AnyAsync(l => l.Code == code, ct))
                return new Error("unknown_price_list", $"There is no price list {code}.", ErrorKind.NotFound);
            var date = query.Date;
            var list = await db.PriceLists.AsNoTracking()
                .Where(l => l.Code == code && l.ValidFrom <= date && (l.ValidTo == null || l.ValidTo >= date))
                .Select(l => new { l.Id, l.Currency })
                .FirstOrDefaultAsync(ct);
            if (list is not null)
            {
                // The largest minimum the quantity reaches, found by the (list, product, minimum) index.
                var price = await db.PriceListItems.AsNoTracking()
                    .Where(i => i.PriceListId == list.Id && i.ProductId == product.Id && i.MinQuantity <= quantity)
                    .OrderByDescending(i => i.MinQuantity)
                    .Select(i => new { i.MinQuantity, i.Price })
                    .FirstOrDefaultAsync(ct);
                if (price is not null)
                {
                    var unitPrice = new Money(price.Price, list.Currency);
                    return new PriceQuote(product.Id, quantity, product.Unit, query.Date, unitPrice, (unitPrice * quantity).Round(), "price_list", list.Id, price.MinQuantity);
                }
            }
        }
        return new PriceQuote(product.Id, quantity, product.Unit, query.Date, product.ListPrice, (product.ListPrice * quantity).Round(), "list_price");
    }
}

internal static class LookupPriceEndpoint
{
    public static void Map(IEndpointRouteBuilder catalog) =>
        catalog.MapGet("/prices", async (Guid productId, decimal quantity, DateOnly date, string? priceList, string? unit, PriceLookup lookup, CancellationToken ct) =>
                (await lookup.HandleAsync(new PriceQuery(productId, quantity, date, priceList, unit), ct)).ToHttp())
            .RequireAuthorization(CatalogPermissions.Read)
            .WithTags("Catalog")
            .WithName("LookupPrice")
            .WithSummary("The price of a quantity of a product on a date, from a price list (by code) or the list price");
}
