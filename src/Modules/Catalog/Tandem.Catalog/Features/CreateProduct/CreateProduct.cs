using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Catalog.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features.CreateProduct;

internal sealed class CreateProductHandler(CatalogDb db, TimeProvider clock, ProductReferences references, CustomFieldService customFields)
{
    public async Task<Result<ProductDto>> HandleAsync(ProductInput input, CancellationToken ct)
    {
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        var sku = details.Sku.Trim().ToUpperInvariant();
        if (await db.Products.AnyAsync(p => p.Sku == sku, ct))
            return Error.Conflict("sku_taken", $"Another product already has SKU {sku}.");
        var category = await references.CategoryAsync(details, ct);
        if (!category.IsSuccess)
            return category.Error!;
        if (await references.CheckUnitAsync(details.Unit, ct) is { } unknownUnit)
            return unknownUnit;
        var values = await customFields.ValidateAsync(CustomFieldRecordTypes.Product, input.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;
        var product = Product.Create(details, category.Value, values.Value, clock.GetUtcNow());
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return ProductDto.FromRecord(product);
    }
}

internal static class CreateProductEndpoint
{
    public static void Map(IEndpointRouteBuilder products) =>
        products.MapPost("/", async (ProductInput input, CreateProductHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(input, ct)).ToHttp(product => Results.Created($"/api/v1/catalog/products/{product.Id}", product)))
            .RequireAuthorization(CatalogPermissions.Write)
            .WithName("CreateProduct")
            .WithSummary("Add a product or service to the catalog");
}
