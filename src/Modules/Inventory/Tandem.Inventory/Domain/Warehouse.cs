using Tandem.SharedKernel;

namespace Tandem.Inventory.Domain;

/// <summary>What a location is for: only internal locations hold the company's stock.</summary>
internal enum LocationKind
{
    /// <summary>A node of the tree that groups others (a warehouse's root).</summary>
    View,
    Internal,
    Supplier,
    Customer,
    Adjustment,
    Scrap,
}

/// <summary>A building with its location tree: root, stock, input, output and scrap.</summary>
internal sealed class Warehouse : Entity
{
    private Warehouse()
    {
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Guid RootLocationId { get; private set; }
    public Guid StockLocationId { get; private set; }
    public Guid InputLocationId { get; private set; }
    public Guid OutputLocationId { get; private set; }
    public Guid ScrapLocationId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The warehouse and its standard locations, which the caller saves together.</summary>
    public static (Warehouse Warehouse, IReadOnlyList<Location> Locations) Open(string code, string name, DateTimeOffset now)
    {
        var warehouse = new Warehouse { Code = code.Trim().ToUpperInvariant(), Name = name.Trim(), CreatedAt = now };
        var root = Location.Create(warehouse.Id, null, warehouse.Code, warehouse.Code, LocationKind.View);
        var stock = Location.Create(warehouse.Id, root.Id, "Stock", $"{warehouse.Code}/Stock", LocationKind.Internal);
        var input = Location.Create(warehouse.Id, root.Id, "Input", $"{warehouse.Code}/Input", LocationKind.Internal);
        var output = Location.Create(warehouse.Id, root.Id, "Output", $"{warehouse.Code}/Output", LocationKind.Internal);
        var scrap = Location.Create(warehouse.Id, root.Id, "Scrap", $"{warehouse.Code}/Scrap", LocationKind.Scrap);
        warehouse.RootLocationId = root.Id;
        warehouse.StockLocationId = stock.Id;
        warehouse.InputLocationId = input.Id;
        warehouse.OutputLocationId = output.Id;
        warehouse.ScrapLocationId = scrap.Id;
        return (warehouse, [root, stock, input, output, scrap]);
    }

    public static Error? Validate(string? code, string? name)
    {
        var errors = new FieldErrors()
            .Required("code", code, 10)
            .Required("name", name, 100)
            .When(code is not null && code.Trim().Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'), "code", "Letters, digits and '-' only.");
        return errors.Any ? errors.ToError() : null;
    }
}

/// <summary>A place stock can be: a shelf of a warehouse, or a virtual partner or adjustment location of the company.</summary>
internal sealed class Location : Entity
{
    public const string SupplierPath = "Partners/Suppliers";
    public const string CustomerPath = "Partners/Customers";
    public const string AdjustmentPath = "Virtual/Adjustment";

    private Location()
    {
    }

    public Guid? WarehouseId { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The full name from the root, e.g. <c>WH1/Stock/A-01</c>; unique in the company.</summary>
    public string Path { get; private set; } = "";
    public LocationKind Kind { get; private set; }

    public bool IsInternal => Kind == LocationKind.Internal;

    public static Location Create(Guid? warehouseId, Guid? parentId, string name, string path, LocationKind kind) => new()
    {
        WarehouseId = warehouseId, ParentId = parentId, Name = name.Trim(), Path = path, Kind = kind,
    };

    /// <summary>A bin or shelf under an internal location of the same warehouse.</summary>
    public Location AddChild(string name)
    {
        if (Kind is not (LocationKind.Internal or LocationKind.View) || WarehouseId is null)
            throw new BusinessRuleException(new Error("location_not_internal", $"{Path} cannot hold sub-locations."));
        return Create(WarehouseId, Id, name, $"{Path}/{name.Trim()}", LocationKind.Internal);
    }
}
