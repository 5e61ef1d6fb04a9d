using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Catalog.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features.ListProducts;

public sealed record ProductFilter(string? Name = null, ProductKind? Kind = null, decimal? MinPrice = null, decimal? MaxPrice = null)
{
    public Guid? CategoryId { get; init; }

    /// <summary><c>cf.key=value</c> pairs from the query string.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> CustomFields { get; init; } = [];
}

/// <summary>The catalog's totals, summed by the database (exact on both providers).</summary>
public sealed record CatalogTotals(int Products, decimal ListPriceTotal);

internal sealed class ListProductsQuery(CatalogDb db, DbSession session, CustomFieldService customFields)
{
    internal static readonly SortMap<Product> Sorts = new SortMap<Product>("name")
        .Add("name", p => p.Name)
        .Add("sku", p => p.Sku)
        .Add("listPrice", p => p.ListPrice.Amount)
        .Add("createdAt", p => p.CreatedAt);

    public async Task<Result<Page<ProductDto>>> HandleAsync(ProductFilter filter, PageRequest page, CancellationToken ct)
    {
        var custom = await customFields.FiltersAsync(CustomFieldRecordTypes.Product, filter.CustomFields, ct);
        if (!custom.IsSuccess)
            return custom.Error!;
        return await Filter(filter).WhereCustomFields(p => p.CustomFields, custom.Value, session.Provider)
            .ToPageAsync(page, Sorts, ProductDto.Projection, ct);
    }

    public async Task<CatalogTotals> TotalsAsync(ProductFilter filter, CancellationToken ct)
    {
        var query = Filter(filter);
        return new CatalogTotals(await query.CountAsync(ct), await query.SumAsync(p => p.ListPrice.Amount, ct));
    }

    private IQueryable<Product> Filter(ProductFilter filter)
    {
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var prefix = filter.Name.Trim();
            query = query.Where(p => p.Name.StartsWith(prefix));
        }
        if (filter.CategoryId is { } categoryId)
            query = query.Where(p => p.CategoryId == categoryId);
        if (filter.Kind is { } kind)
            query = query.Where(p => p.Kind == kind);
        if (filter.MinPrice is { } min)
            query = query.Where(p => p.ListPrice.Amount >= min);
        if (filter.MaxPrice is { } max)
            query = query.Where(p => p.ListPrice.Amount <= max);
        return query;
    }
}

internal static class ListProductsEndpoint
{
    public static void Map(IEndpointRouteBuilder products) =>
        products.MapGet("/", async (int? limit, string? after, string? sort, string? name, ProductKind? kind, decimal? minPrice, decimal? maxPrice,
                    Guid? categoryId, HttpContext http, ListProductsQuery query, CancellationToken ct) =>
                (await query.HandleAsync(new ProductFilter(name, kind, minPrice, maxPrice)
                {
                    CategoryId = categoryId,
                    CustomFields = http.Request.Query.Where(q => q.Key.StartsWith("cf.", StringComparison.Ordinal))
                        .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())).ToList(),
                }, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(CatalogPermissions.Read)
            .WithName("ListProducts")
            .WithSummary("List products a page at a time; filter by name prefix, kind, category, list-price range and cf.<key>");
}
