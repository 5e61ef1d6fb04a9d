using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Catalog.Domain;
using Tandem.Platform.CustomFields;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features;

public sealed record ProductDto(
    Guid Id, string Sku, string Name, ProductKind Kind, string Unit, string? Category, Money ListPrice,
    bool IsActive, DateTimeOffset CreatedAt, long Version)
{
    public Guid? CategoryId { get; init; }
    public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = new Dictionary<string, JsonElement>();

    internal static readonly Expression<Func<Product, ProductDto>> Projection = p => new ProductDto(
        p.Id, p.Sku, p.Name, p.Kind, p.Unit, p.Category, p.ListPrice, p.IsActive, p.CreatedAt, p.Version)
    {
        CategoryId = p.CategoryId,
        CustomFields = CustomFieldValues.Read(p.CustomFields),
    };

    /// <summary>The same mapping for a record already in memory, compiled once.</summary>
    internal static readonly Func<Product, ProductDto> FromRecord = Projection.Compile();
}

/// <summary>The body of a create or update request; the category is named by <c>categoryId</c> or by its name or path in <c>category</c>.</summary>
public sealed record ProductInput(
    string Sku, string Name, ProductKind Kind, string Unit, Money ListPrice, string? Category = null, bool IsActive = true)
{
    public Guid? CategoryId { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }

    internal ProductDetails ToDetails() =>
        new(Sku ?? "", Name ?? "", Kind, Unit ?? "", Category, ListPrice.Amount, ListPrice.Currency.Value ?? "", IsActive, CategoryId);
}

/// <summary>The rules a product write checks against other catalog records: its category and its unit exist.</summary>
internal sealed class ProductReferences(CatalogDb db)
{
    public async Task<Result<Category?>> CategoryAsync(ProductDetails details, CancellationToken ct)
    {
        if (details.CategoryId is { } id)
        {
            return await db.Categories.SingleOrDefaultAsync(c => c.Id == id, ct) is { } byId
                ? byId
                : UnknownCategory;
        }
        if (string.IsNullOrWhiteSpace(details.Category))
            return Result<Category?>.Success(null);
        var name = details.Category.Trim();
        var byName = await db.Categories.Where(c => c.Path == name || c.Name == name).OrderBy(c => c.Path).FirstOrDefaultAsync(ct);
        return byName is null ? UnknownCategory : byName;
    }

    /// <summary>A company that defined units must use one of them; a company without any keeps free-text units.</summary>
    public async Task<Error?> CheckUnitAsync(string unit, CancellationToken ct)
    {
        var code = unit.Trim();
        if (await db.Units.AnyAsync(u => u.Code == code, ct) || !await db.Units.AnyAsync(ct))
            return null;
        return new Error("unknown_unit", $"There is no unit {code}; define it under units of measure first.")
        {
            Fields = new Dictionary<string, string[]> { ["unit"] = ["No such unit."] },
        };
    }

    private static Error UnknownCategory => new("unknown_category", "There is no such category.")
    {
        Fields = new Dictionary<string, string[]> { ["categoryId"] = ["No such category."] },
    };
}
