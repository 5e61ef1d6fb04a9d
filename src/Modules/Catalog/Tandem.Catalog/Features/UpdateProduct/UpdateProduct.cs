using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features.UpdateProduct;

internal sealed class UpdateProductHandler(CatalogDb db, ProductReferences references, CustomFieldService customFields)
{
    public async Task<Result<ProductDto>> HandleAsync(Guid id, ProductInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
            return Error.NotFound("Product");
        if (checkVersion(product.Version) is { } stale)
            return stale;
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        var category = await references.CategoryAsync(details, ct);
        if (!category.IsSuccess)
            return category.Error!;
        if (await references.CheckUnitAsync(details.Unit, ct) is { } unknownUnit)
            return unknownUnit;
        var values = input.CustomFields is null
            ? Result<string?>.Success(product.CustomFields)
            : await customFields.ValidateAsync(CustomFieldRecordTypes.Product, input.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;
        product.Change(details, category.Value, values.Value);
        await db.SaveChangesAsync(ct);
        return ProductDto.FromRecord(product);
    }
}

internal static class UpdateProductEndpoint
{
    public static void Map(IEndpointRouteBuilder products) =>
        products.MapPut("/{id:guid}", async (Guid id, ProductInput input, UpdateProductHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, input, version => ETags.Check(http.Request, version), ct)).ToHttpWithETag(http.Response, product => product.Version))
            .RequireAuthorization(CatalogPermissions.Write)
            .WithName("UpdateProduct")
            .WithSummary("Change a product; send its ETag in If-Match");
}
