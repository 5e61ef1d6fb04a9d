using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Catalog.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features.PriceLists;

public sealed record PriceListItemInput(Guid ProductId, decimal MinQuantity, decimal Price);

/// <summary>A price list version: <c>validTo</c> is the last day it applies, null for open-ended.</summary>
public sealed record PriceListInput(
    string Code, string Name, string Currency, DateOnly ValidFrom, DateOnly? ValidTo = null, IReadOnlyList<PriceListItemInput>? Items = null);

public sealed record PriceListItemDto(Guid ProductId, string Sku, string ProductName, decimal MinQuantity, decimal Price);

public sealed record PriceListDto(
    Guid Id, string Code, string Name, CurrencyCode Currency, DateOnly ValidFrom, DateOnly? ValidTo, IReadOnlyList<PriceListItemDto> Items)
{
    public long Version { get; init; }
}

internal sealed class PriceListCatalog(CatalogDb db)
{
    public async Task<IReadOnlyList<PriceListDto>> ListAsync(CancellationToken ct) =>
        await db.PriceLists.AsNoTracking().OrderBy(l => l.Code).ThenBy(l => l.ValidFrom)
            .Select(l => new PriceListDto(l.Id, l.Code, l.Name, l.Currency, l.ValidFrom, l.ValidTo, new List<PriceListItemDto>()))
            .ToListAsync(ct);

    public async Task<Result<PriceListDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var list = await db.PriceLists.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (list is null)
            return Error.NotFound("Price list");
        var items = await (from item in db.PriceListItems.AsNoTracking()
                           join product in db.Products.AsNoTracking() on item.ProductId equals product.Id
                           where item.PriceListId == id
                           orderby product.Sku, item.MinQuantity
                           select new PriceListItemDto(item.ProductId, product.Sku, product.Name, item.MinQuantity, item.Price)).ToListAsync(ct);
        return new PriceListDto(list.Id, list.Code, list.Name, list.Currency, list.ValidFrom, list.ValidTo, items) { Version = list.Version };
    }

    public async Task<Result<PriceListDto>> CreateAsync(PriceListInput input, CancellationToken ct)
    {
        if (await CheckAsync(input, null, ct) is { } refused)
            return refused;
        var list = PriceList.Create(input.Code, input.Name, new CurrencyCode(input.Currency.Trim().ToUpperInvariant()), input.ValidFrom, input.ValidTo,
            input.Items?.Select(i => new PriceBreak(i.ProductId, i.MinQuantity, i.Price)) ?? []);
        db.PriceLists.Add(list);
        await db.SaveChangesAsync(ct);
        return await GetAsync(list.Id, ct);
    }

    /// <summary>Replaces a version's name, validity and prices when the caller has seen its current version.</summary>
    public async Task<Result<PriceListDto>> ReviseAsync(Guid id, PriceListInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var list = await db.PriceLists.Include(l => l.Items).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (list is null)
            return Error.NotFound("Price list");
        if (checkVersion(list.Version) is { } stale)
            return stale;
        if (!string.Equals(input.Code?.Trim(), list.Code, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(input.Currency?.Trim(), list.Currency.Value, StringComparison.OrdinalIgnoreCase))
            return new Error("price_list_code_fixed", "A price list version keeps its code and currency; create a new version instead.");
        if (await CheckAsync(input, id, ct) is { } refused)
            return refused;
        list.Revise(input.Name, input.ValidFrom, input.ValidTo, input.Items?.Select(i => new PriceBreak(i.ProductId, i.MinQuantity, i.Price)) ?? []);
        // The new prices have their ids already; detection alone would take them for existing rows.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var item in list.Items.Where(i => db.Entry(i).State == EntityState.Detached).ToList())
            db.Add(item);
        db.ChangeTracker.AutoDetectChangesEnabled = detect;
        // A revision that only changes prices still bumps the list's version, so a stale If-Match is refused.
        db.Entry(list).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<Error?> CheckAsync(PriceListInput input, Guid? revising, CancellationToken ct)
    {
        var items = input.Items ?? [];
        var errors = new FieldErrors()
            .Required("code", input.Code, 20)
            .Required("name", input.Name, 100)
            .When(!CurrencyCode.IsValid(input.Currency), "currency", "A three-letter ISO 4217 code such as EUR.")
            .When(input.ValidFrom == default, "validFrom", "Required.")
            .When(items.Count > 5000, "items", "At most 5000 prices per list.");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            errors.When(item is null, $"items[{i}]", "Required.");
            if (item is null)
                continue;
            errors.When(item.MinQuantity < 0, $"items[{i}].minQuantity", "Zero or more.")
                .When(decimal.Round(item.MinQuantity, 4) != item.MinQuantity, $"items[{i}].minQuantity", "At most 4 decimals.")
                .When(item.Price < 0, $"items[{i}].price", "Cannot be negative.")
                .When(decimal.Round(item.Price, 4) != item.Price, $"items[{i}].price", "At most 4 decimals.")
                .When(item.Price > 1_000_000_000_000m || item.MinQuantity > 1_000_000_000_000m, $"items[{i}]", "Too large.");
        }
        if (errors.Any)
            return errors.ToError();
        if (input.ValidTo < input.ValidFrom)
            return PriceList.InvalidValidity with { Fields = new Dictionary<string, string[]> { ["validTo"] = ["On or after validFrom."] } };
        var duplicate = items.GroupBy(i => (i.ProductId, i.MinQuantity)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            return new Error("duplicate_price_break", $"Product {duplicate.Key.ProductId} has two prices from quantity {duplicate.Key.MinQuantity}.");
        var productIds = items.Select(i => i.ProductId).Distinct().ToList();
        var known = await db.Products.Where(p => productIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var unknown = productIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            return new Error("unknown_product", "Some prices name products that do not exist.")
            {
                Fields = new Dictionary<string, string[]> { ["items"] = [.. unknown.Select(id => $"No product {id}.")] },
            };
        }
        var code = input.Code.Trim().ToUpperInvariant();
        var versions = await db.PriceLists.AsNoTracking().Where(l => l.Code == code && l.Id != revising).Select(l => new { l.ValidFrom, l.ValidTo }).ToListAsync(ct);
        if (versions.Any(v => PriceList.Overlap(v.ValidFrom, v.ValidTo, input.ValidFrom, input.ValidTo)))
            return Error.Conflict("price_list_overlap", $"Another version of price list {code} is valid on some of these days.");
        return null;
    }
}

internal static class PriceListEndpoints
{
    public static void Map(IEndpointRouteBuilder catalog)
    {
        var lists = catalog.MapGroup("/price-lists").WithTags("Catalog");
        lists.MapGet("/", async (PriceListCatalog lists, CancellationToken ct) => Results.Ok(await lists.ListAsync(ct)))
            .RequireAuthorization(CatalogPermissions.Read)
            .WithName("ListPriceLists")
            .WithSummary("Price list versions by code and validity (without their prices)");
        lists.MapGet("/{id:guid}", async (Guid id, PriceListCatalog lists, HttpContext http, CancellationToken ct) =>
                (await lists.GetAsync(id, ct)).ToHttpWithETag(http.Response, l => l.Version))
            .RequireAuthorization(CatalogPermissions.Read)
            .WithName("GetPriceList")
            .WithSummary("A price list version with its quantity breaks");
        lists.MapPut("/{id:guid}", async (Guid id, PriceListInput input, PriceListCatalog lists, HttpContext http, CancellationToken ct) =>
                (await lists.ReviseAsync(id, input, version => ETags.Check(http.Request, version), ct)).ToHttpWithETag(http.Response, l => l.Version))
            .RequireAuthorization(CatalogPermissions.Write)
            .WithName("RevisePriceList")
            .WithSummary("Replace a version's name, validity and prices; send its ETag in If-Match");
        lists.MapPost("/", async (PriceListInput input, PriceListCatalog lists, CancellationToken ct) =>
                (await lists.CreateAsync(input, ct)).ToHttp(l => Results.Created($"/api/v1/catalog/price-lists/{l.Id}", l)))
            .RequireAuthorization(CatalogPermissions.Write)
            .WithName("CreatePriceList")
            .WithSummary("Add a price list version; versions of one code must not overlap in time");
    }
}
