using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Catalog.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features.Categories;

public sealed record CategoryDto(Guid Id, string Name, Guid? ParentId, string Path);

public sealed record CategoryInput(string Name, Guid? ParentId = null);

/// <summary>The category tree, listed flat in path order ("Bikes", "Bikes / Road", "Parts").</summary>
internal sealed class CategoryCatalog(CatalogDb db)
{
    public async Task<IReadOnlyList<CategoryDto>> ListAsync(CancellationToken ct) =>
        await db.Categories.AsNoTracking().OrderBy(c => c.Path)
            .Select(c => new CategoryDto(c.Id, c.Name, c.ParentId, c.Path))
            .ToListAsync(ct);

    public async Task<Result<CategoryDto>> CreateAsync(CategoryInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("name", input.Name, 100)
            .When(input.Name?.Contains('/', StringComparison.Ordinal) == true, "name", "A name cannot contain '/'; pick a parent instead.");
        if (errors.Any)
            return errors.ToError();
        Category? parent = null;
        if (input.ParentId is { } parentId)
        {
            parent = await db.Categories.SingleOrDefaultAsync(c => c.Id == parentId, ct);
            if (parent is null)
                return new Error("unknown_category", "The parent category does not exist.") { Fields = new Dictionary<string, string[]> { ["parentId"] = ["No such category."] } };
        }
        var category = Category.Create(input.Name!, parent);
        if (await db.Categories.AnyAsync(c => c.Path == category.Path, ct))
            return Error.Conflict("category_exists", $"The category {category.Path} already exists.");
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        return new CategoryDto(category.Id, category.Name, category.ParentId, category.Path);
    }
}

internal static class CategoryEndpoints
{
    public static void Map(IEndpointRouteBuilder catalog)
    {
        var categories = catalog.MapGroup("/categories").WithTags("Catalog");
        categories.MapGet("/", async (CategoryCatalog categories, CancellationToken ct) => Results.Ok(await categories.ListAsync(ct)))
            .RequireAuthorization(CatalogPermissions.Read)
            .WithName("ListCategories")
            .WithSummary("Every product category, flat in path order; parentId gives the tree");
        categories.MapPost("/", async (CategoryInput input, CategoryCatalog categories, CancellationToken ct) =>
                (await categories.CreateAsync(input, ct)).ToHttp(c => Results.Created($"/api/v1/catalog/categories/{c.Id}", c)))
            .RequireAuthorization(CatalogPermissions.Write)
            .WithName("CreateCategory")
            .WithSummary("Add a category, optionally under a parent");
    }
}
