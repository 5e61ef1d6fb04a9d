using Tandem.Catalog.Contracts;
using Tandem.SharedKernel;
using CategoryRecord = Tandem.Catalog.Domain.Category;

namespace Tandem.Catalog.Domain;

/// <summary>Something the company sells or buys: goods it stocks or services it performs.</summary>
internal sealed class Product : Entity
{
    private Product()
    {
    }

    public string Sku { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ProductKind Kind { get; private set; }
    public string Unit { get; private set; } = "";
    /// <summary>The category's path as shown; kept with the product so lists need no join.</summary>
    public string? Category { get; private set; }
    public Guid? CategoryId { get; private set; }

    /// <summary>The values of the company's custom fields for products, as validated JSON.</summary>
    public string? CustomFields { get; private set; }
    public Money ListPrice { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }

    public static Product Create(ProductDetails details, CategoryRecord? category, string? customFields, DateTimeOffset now)
    {
        var product = new Product { Sku = details.Sku.Trim().ToUpperInvariant(), Kind = details.Kind, CreatedAt = now };
        product.Apply(details, category, customFields);
        return product;
    }

    public void Change(ProductDetails details, CategoryRecord? category, string? customFields)
    {
        if (!string.Equals(details.Sku.Trim(), Sku, StringComparison.OrdinalIgnoreCase))
            throw new BusinessRuleException(new Error("sku_fixed", "A product's SKU cannot change once created."));
        Apply(details, category, customFields);
    }

    private void Apply(ProductDetails details, CategoryRecord? category, string? customFields)
    {
        Name = details.Name.Trim();
        Kind = details.Kind;
        Unit = details.Unit.Trim();
        CategoryId = category?.Id;
        Category = category?.Path;
        CustomFields = customFields;
        ListPrice = new Money(details.ListPrice, new CurrencyCode(details.Currency));
        IsActive = details.IsActive;
    }
}

internal sealed record ProductDetails(
    string Sku, string Name, ProductKind Kind, string Unit, string? Category, decimal ListPrice, string Currency, bool IsActive,
    Guid? CategoryId = null)
{
    public Error? Validate()
    {
        var errors = new FieldErrors()
            .Required("sku", Sku, 40)
            .Required("name", Name)
            .Required("unit", Unit, 20)
            .Optional("category", Category, 100)
            .When(!Enum.IsDefined(Kind), "kind", "Goods or Service.")
            .When(ListPrice < 0, "listPrice.amount", "Cannot be negative.")
            .When(decimal.Round(ListPrice, 4) != ListPrice, "listPrice.amount", "At most 4 decimals.")
            .When(ListPrice > 1_000_000_000_000m, "listPrice.amount", "Too large.")
            .When(!CurrencyCode.IsValid(Currency), "listPrice.currency", "A three-letter ISO 4217 code such as EUR.");
        return errors.Any ? errors.ToError() : null;
    }
}
