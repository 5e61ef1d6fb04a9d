using Tandem.Catalog.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features;

/// <summary>The editable fields as the product forms bind them.</summary>
public sealed class ProductForm
{
    public string? Sku { get; set; }
    public string? Name { get; set; }
    public ProductKind Kind { get; set; } = ProductKind.Goods;
    public string? Unit { get; set; } = "pc";
    public string? Category { get; set; }
    public decimal ListPrice { get; set; }
    public string? Currency { get; set; } = "EUR";
    public bool IsActive { get; set; } = true;
    public Guid? CategoryId { get; set; }
    public Dictionary<string, System.Text.Json.JsonElement> CustomFields { get; set; } = new(StringComparer.Ordinal);

    public static ProductForm From(ProductDto product) => new()
    {
        Sku = product.Sku, Name = product.Name, Kind = product.Kind, Unit = product.Unit, Category = product.Category,
        ListPrice = product.ListPrice.Amount, Currency = product.ListPrice.Currency.Value, IsActive = product.IsActive,
        CategoryId = product.CategoryId, CustomFields = new(product.CustomFields, StringComparer.Ordinal),
    };

    public ProductInput ToInput()
    {
        var currency = Currency?.Trim().ToUpperInvariant();
        // An invalid code stays empty here so the handler reports it on the field instead of throwing.
        var code = CurrencyCode.IsValid(currency) ? new CurrencyCode(currency!) : default;
        return new ProductInput(Sku ?? "", Name ?? "", Kind, Unit ?? "", new Money(ListPrice, code), CategoryId is null ? Category : null, IsActive)
        {
            CategoryId = CategoryId,
            CustomFields = CustomFields,
        };
    }
}
