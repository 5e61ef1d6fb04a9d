using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features.GetProduct;

internal sealed class GetProductQuery(CatalogDb db)
{
    public async Task<Result<ProductDto>> HandleAsync(Guid id, CancellationToken ct) =>
        await db.Products.AsNoTracking().Where(p => p.Id == id).Select(ProductDto.Projection).SingleOrDefaultAsync(ct) is { } product
            ? product
            : Error.NotFound("Product");
}

internal static class GetProductEndpoint
{
    public static void Map(IEndpointRouteBuilder products) =>
        products.MapGet("/{id:guid}", async (Guid id, GetProductQuery query, HttpContext http, CancellationToken ct) =>
                (await query.HandleAsync(id, ct)).ToHttpWithETag(http.Response, product => product.Version))
            .RequireAuthorization(CatalogPermissions.Read)
            .WithName("GetProduct")
            .WithSummary("Read one product; the ETag header carries its version");
}
