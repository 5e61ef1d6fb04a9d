using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Catalog.Features;
using Tandem.Catalog.Features.Categories;
using Tandem.Catalog.Features.CreateProduct;
using Tandem.Catalog.Features.LookupPrice;
using Tandem.Catalog.Features.PriceLists;
using Tandem.Catalog.Features.Units;
using Tandem.Catalog.Features.GetProduct;
using Tandem.Catalog.Features.ListProducts;
using Tandem.Catalog.Features.UpdateProduct;
using Tandem.Catalog.Domain;
using Tandem.Platform.Modules;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;
using Tandem.Catalog.Bench;
using Tandem.Platform.Seeding;

namespace Tandem.Catalog;

/// <summary>Products and services, their units and list prices.</summary>
public sealed class CatalogModule : ITandemModule
{
    public const string SearchType = "product";

    public string Name => "Catalog";

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(CatalogPermissions.Read, "See products and prices"),
        new(CatalogPermissions.Write, "Create and change products and prices"),
    ];

    public IReadOnlyList<NavItem> Navigation =>
    [
        new("Master data", "Products", "/catalog/products", "inventory_2", CatalogPermissions.Read, 20),
        new("Master data", "Categories", "/catalog/categories", "category", CatalogPermissions.Read, 21),
        new("Master data", "Units of measure", "/catalog/units", "straighten", CatalogPermissions.Read, 22),
        new("Master data", "Price lists", "/catalog/price-lists", "sell", CatalogPermissions.Read, 23),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<CatalogDb, CatalogDbSqlite, CatalogDbPostgres>(CatalogDb.SchemaName);
        services.AddScoped<CreateProductHandler>();
        services.AddScoped<UpdateProductHandler>();
        services.AddScoped<GetProductQuery>();
        services.AddScoped<ListProductsQuery>();
        services.AddScoped<ProductReferences>();
        services.AddScoped<CategoryCatalog>();
        services.AddScoped<UnitCatalog>();
        services.AddScoped<PriceListCatalog>();
        services.AddScoped<PriceLookup>();
        services.AddScoped<ICatalogModule, CatalogFacade>();
        services.AddScoped<IBenchDataset, CatalogBenchDataset>();
        services.AddSearchProjection<Product>(SearchType, product => new SearchDocument(
            SearchType, product.Id, product.Name, $"{product.Sku} · {product.Kind} · {product.Category}".TrimEnd(' ', '·'),
            null, $"/catalog/products/{product.Id}"), sp => sp.GetRequiredService<CatalogDb>().Products);
        services.AddSingleton<ISearchSource>(new PermissionSearchSource(SearchType, "Product", CatalogPermissions.Read));
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var products = api.MapGroup("/catalog/products").WithTags("Catalog");
        ListProductsEndpoint.Map(products);
        GetProductEndpoint.Map(products);
        CreateProductEndpoint.Map(products);
        UpdateProductEndpoint.Map(products);
        var catalog = api.MapGroup("/catalog");
        CategoryEndpoints.Map(catalog);
        UnitEndpoints.Map(catalog);
        PriceListEndpoints.Map(catalog);
        LookupPriceEndpoint.Map(catalog);
    }

    public async Task SeedDemoAsync(IServiceProvider services, CancellationToken ct) =>
        await Demo.CatalogDemo.SeedAsync(services, ct);
}

internal sealed class CatalogFacade(CatalogDb db, PriceLookup prices) : ICatalogModule
{
    public Task<ProductSummary?> FindAsync(Guid productId, CancellationToken ct) =>
        db.Products.AsNoTracking().Where(p => p.Id == productId)
            .Select(p => new ProductSummary(p.Id, p.Sku, p.Name, p.Kind, p.Unit, p.ListPrice) { Category = p.Category })
            .SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, ProductSummary>> FindManyAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0)
            return new Dictionary<Guid, ProductSummary>();
        var ids = productIds.Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new ProductSummary(p.Id, p.Sku, p.Name, p.Kind, p.Unit, p.ListPrice) { Category = p.Category })
            .ToDictionaryAsync(p => p.Id, ct);
    }

    public Task<ProductSummary?> FindBySkuAsync(string sku, CancellationToken ct)
    {
        var key = sku.Trim().ToUpperInvariant();
        return db.Products.AsNoTracking().Where(p => p.Sku == key)
            .Select(p => new ProductSummary(p.Id, p.Sku, p.Name, p.Kind, p.Unit, p.ListPrice) { Category = p.Category })
            .SingleOrDefaultAsync(ct);
    }

    public async Task<Result<decimal>> ToProductUnitAsync(Guid productId, decimal quantity, string unit, CancellationToken ct)
    {
        var productUnit = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => p.Unit).SingleOrDefaultAsync(ct);
        if (productUnit is null)
            return Error.NotFound("Product");
        if (string.Equals(unit, productUnit, StringComparison.Ordinal))
            return quantity;
        var units = await db.Units.AsNoTracking().Where(u => u.Code == unit || u.Code == productUnit).ToListAsync(ct);
        var from = units.FirstOrDefault(u => u.Code == unit);
        var to = units.FirstOrDefault(u => u.Code == productUnit);
        if (from is null || to is null || from.Convert(quantity, to) is not { IsSuccess: true } converted)
        {
            return new Error("unit_not_convertible", $"{unit} cannot be converted to the product's unit {productUnit}.")
            {
                Fields = new Dictionary<string, string[]> { ["unit"] = [$"Not convertible to {productUnit}."] },
            };
        }
        return converted.Value;
    }

    public Task<Result<PriceQuote>> QuotePriceAsync(PriceQuery query, CancellationToken ct) => prices.HandleAsync(query, ct);
}
