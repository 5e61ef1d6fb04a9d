using Tandem.SharedKernel;

namespace Tandem.Catalog.Domain;

/// <summary>A product category; categories form a tree through <see cref="ParentId"/>.</summary>
internal sealed class Category : Entity
{
    private Category()
    {
    }

    public string Name { get; private set; } = "";
    public Guid? ParentId { get; private set; }

    /// <summary>The names from the root down, "Bikes / Road", for lists and pickers.</summary>
    public string Path { get; private set; } = "";

    public static Category Create(string name, Category? parent) => new()
    {
        Name = name.Trim(),
        ParentId = parent?.Id,
        Path = parent is null ? name.Trim() : $"{parent.Path} / {name.Trim()}",
    };
}
