using System.Linq.Expressions;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Domain;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features;

public sealed record ProductDto(
    Guid Id, string Sku, string Name, ProductKind Kind, string Unit, string? Category, Money ListPrice,
    bool IsActive, DateTimeOffset CreatedAt, long Version)
{
    internal static readonly Expression<Func<Product, ProductDto>> Projection = p => new ProductDto(
        p.Id, p.Sku, p.Name, p.Kind, p.Unit, p.Category, p.ListPrice, p.IsActive, p.CreatedAt, p.Version);

    /// <summary>The same mapping for a record already in memory, compiled once.</summary>
    internal static readonly Func<Product, ProductDto> FromRecord = Projection.Compile();
}

public sealed record ProductInput(
    string Sku, string Name, ProductKind Kind, string Unit, Money ListPrice, string? Category = null, bool IsActive = true)
{
    internal ProductDetails ToDetails() =>
        new(Sku ?? "", Name ?? "", Kind, Unit ?? "", Category, ListPrice.Amount, ListPrice.Currency.Value ?? "", IsActive);
}
