using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Inventory.Features.Moves;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features.Warehouses;

internal sealed record WarehouseInput(string? Code, string? Name);

internal sealed record LocationInput(Guid? ParentId, string? Name);

internal sealed record LocationDto(Guid Id, Guid? WarehouseId, Guid? ParentId, string Name, string Path, LocationKind Kind);

internal sealed record WarehouseDto(
    Guid Id, string Code, string Name, Guid StockLocationId, Guid InputLocationId, Guid OutputLocationId, Guid ScrapLocationId,
    IReadOnlyList<LocationDto> Locations);

internal sealed record SettingsInput(Tracking Tracking = Tracking.None, ValuationMethod? Valuation = null, Guid? SupplierId = null, int LeadTimeDays = 0);

internal sealed record SettingsDto(Guid ProductId, Tracking Tracking, ValuationMethod? Valuation, ValuationMethod EffectiveValuation, Guid? SupplierId, int LeadTimeDays);

internal sealed record CategoryValuationInput(string? Category, ValuationMethod Method);

/// <summary>Warehouses and their location trees; product inventory settings and category valuation methods.</summary>
internal sealed class WarehouseHandler(InventoryDb db, DbSession session, Locations locations, MoveValuation valuation, ICatalogModule catalog, TimeProvider clock)
{
    public async Task<IReadOnlyList<WarehouseDto>> ListAsync(CancellationToken ct)
    {
        var warehouses = await db.Warehouses.AsNoTracking().OrderBy(w => w.Code).ToListAsync(ct);
        var all = await db.Locations.AsNoTracking().OrderBy(l => l.Path).Select(ToDto).ToListAsync(ct);
        return warehouses.Select(w => Dto(w, all.Where(l => l.WarehouseId == w.Id).ToList())).ToList();
    }

    public async Task<Result<WarehouseDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (warehouse is null)
            return Error.NotFound("Warehouse");
        var tree = await db.Locations.AsNoTracking().Where(l => l.WarehouseId == id).OrderBy(l => l.Path).Select(ToDto).ToListAsync(ct);
        return Dto(warehouse, tree);
    }

    public async Task<IReadOnlyList<LocationDto>> LocationsAsync(Guid? warehouseId, CancellationToken ct) =>
        await db.Locations.AsNoTracking().Where(l => warehouseId == null || l.WarehouseId == warehouseId).OrderBy(l => l.Path).Select(ToDto).ToListAsync(ct);

    public async Task<Result<WarehouseDto>> CreateAsync(WarehouseInput input, CancellationToken ct)
    {
        if (Warehouse.Validate(input.Code, input.Name) is { } invalid)
            return invalid;
        var code = input.Code!.Trim().ToUpperInvariant();
        if (await db.Warehouses.AnyAsync(w => w.Code == code, ct) || await db.Locations.AnyAsync(l => l.Path == code, ct))
            return Error.Conflict("warehouse_code_taken", $"There is already a warehouse or location {code}.");
        await using var unit = await session.BeginAsync(ct);
        var (warehouse, tree) = Warehouse.Open(code, input.Name!, clock.GetUtcNow());
        db.Warehouses.Add(warehouse);
        db.Locations.AddRange(tree);
        await locations.VirtualAsync(Location.SupplierPath, LocationKind.Supplier, ct);
        await locations.VirtualAsync(Location.CustomerPath, LocationKind.Customer, ct);
        await locations.VirtualAsync(Location.AdjustmentPath, LocationKind.Adjustment, ct);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return Dto(warehouse, tree.Select(l => new LocationDto(l.Id, l.WarehouseId, l.ParentId, l.Name, l.Path, l.Kind)).ToList());
    }

    public async Task<Result<LocationDto>> AddLocationAsync(Guid warehouseId, LocationInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", input.Name, 60)
            .When(input.Name?.Contains('/', StringComparison.Ordinal) == true, "name", "Cannot contain '/'.");
        if (errors.Any)
            return errors.ToError();
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == warehouseId, ct);
        if (warehouse is null)
            return Error.NotFound("Warehouse");
        var parentId = input.ParentId ?? warehouse.StockLocationId;
        var parent = await db.Locations.SingleOrDefaultAsync(l => l.Id == parentId && l.WarehouseId == warehouseId, ct);
        if (parent is null)
            return Error.Validation("parentId", "A location of this warehouse.");
        var child = parent.AddChild(input.Name!);
        if (await db.Locations.AnyAsync(l => l.Path == child.Path, ct))
            return Error.Conflict("location_exists", $"{child.Path} already exists.");
        await using var unit = await session.BeginAsync(ct);
        db.Locations.Add(child);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new LocationDto(child.Id, child.WarehouseId, child.ParentId, child.Name, child.Path, child.Kind);
    }

    public async Task<Result<SettingsDto>> GetSettingsAsync(Guid productId, CancellationToken ct)
    {
        if (await catalog.FindAsync(productId, ct) is null)
            return Error.NotFound("Product");
        var settings = await db.ProductSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProductId == productId, ct) ?? ProductSettings.For(productId);
        return new SettingsDto(productId, settings.Tracking, settings.Valuation, await valuation.MethodAsync(productId, ct), settings.SupplierId, settings.LeadTimeDays);
    }

    public async Task<Result<SettingsDto>> SaveSettingsAsync(Guid productId, SettingsInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .When(!Enum.IsDefined(input.Tracking), "tracking", "none, lot or serial.")
            .When(input.Valuation is { } v && !Enum.IsDefined(v), "valuation", "fifo or average.")
            .When(input.LeadTimeDays is < 0 or > 3650, "leadTimeDays", "Between 0 and 3650.");
        if (errors.Any)
            return errors.ToError();
        if (await catalog.FindAsync(productId, ct) is null)
            return Error.NotFound("Product");
        await using var unit = await session.BeginAsync(ct);
        var settings = await db.ProductSettings.SingleOrDefaultAsync(s => s.ProductId == productId, ct);
        if (settings is null)
        {
            settings = ProductSettings.For(productId);
            db.ProductSettings.Add(settings);
        }
        var hasMoved = await db.Moves.AnyAsync(m => m.ProductId == productId && m.Status == MoveStatus.Done, ct);
        var inStock = await db.Valuations.AnyAsync(v => v.ProductId == productId && v.Quantity != 0, ct);
        if (input.Valuation != settings.Valuation && inStock)
            return Error.Conflict("valuation_fixed", "The valuation method changes only while the product has no stock.");
        settings.Change(input.Tracking, input.Valuation, input.SupplierId, input.LeadTimeDays, hasMoved);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new SettingsDto(productId, settings.Tracking, settings.Valuation, await valuation.MethodAsync(productId, ct), settings.SupplierId, settings.LeadTimeDays);
    }

    public async Task<Result<CategoryValuationInput>> SaveCategoryAsync(CategoryValuationInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("category", input.Category, 400).When(!Enum.IsDefined(input.Method), "method", "fifo or average.");
        if (errors.Any)
            return errors.ToError();
        await using var unit = await session.BeginAsync(ct);
        var category = input.Category!.Trim();
        var row = await db.CategoryValuations.SingleOrDefaultAsync(c => c.Category == category, ct);
        if (row is null)
            db.CategoryValuations.Add(CategoryValuation.For(category, input.Method));
        else
            row.Change(input.Method);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return input with { Category = category };
    }

    private static readonly System.Linq.Expressions.Expression<Func<Location, LocationDto>> ToDto =
        l => new LocationDto(l.Id, l.WarehouseId, l.ParentId, l.Name, l.Path, l.Kind);

    private static WarehouseDto Dto(Warehouse w, IReadOnlyList<LocationDto> tree) =>
        new(w.Id, w.Code, w.Name, w.StockLocationId, w.InputLocationId, w.OutputLocationId, w.ScrapLocationId, tree);
}

internal static class WarehouseEndpoints
{
    public static void Map(IEndpointRouteBuilder inventory)
    {
        inventory.MapGet("/warehouses", async (WarehouseHandler handler, CancellationToken ct) => Results.Ok(await handler.ListAsync(ct)))
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ListWarehouses")
            .WithSummary("The company's warehouses with their location trees");
        inventory.MapGet("/warehouses/{id:guid}", async (Guid id, WarehouseHandler handler, CancellationToken ct) => (await handler.GetAsync(id, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("GetWarehouse")
            .WithSummary("One warehouse with its location tree");
        inventory.MapPost("/warehouses", async (WarehouseInput input, WarehouseHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(w => Results.Created($"/api/v1/inventory/warehouses/{w.Id}", w)))
            .RequireAuthorization(InventoryPermissions.Manage)
            .WithName("CreateWarehouse")
            .WithSummary("Open a warehouse with its stock, input, output and scrap locations");
        inventory.MapPost("/warehouses/{id:guid}/locations", async (Guid id, LocationInput input, WarehouseHandler handler, CancellationToken ct) =>
                (await handler.AddLocationAsync(id, input, ct)).ToHttp(l => Results.Created($"/api/v1/inventory/locations?warehouse={id}", l)))
            .RequireAuthorization(InventoryPermissions.Manage)
            .WithName("AddLocation")
            .WithSummary("Add a shelf or bin under an internal location of the warehouse (its stock location by default)");
        inventory.MapGet("/locations", async (Guid? warehouse, WarehouseHandler handler, CancellationToken ct) => Results.Ok(await handler.LocationsAsync(warehouse, ct)))
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ListLocations")
            .WithSummary("Every location (of one warehouse), with the company's virtual partner and adjustment locations");
        inventory.MapGet("/products/{productId:guid}/settings", async (Guid productId, WarehouseHandler handler, CancellationToken ct) =>
                (await handler.GetSettingsAsync(productId, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("GetProductInventorySettings")
            .WithSummary("A product's tracking, valuation method (own and effective), supplier and lead time");
        inventory.MapPut("/products/{productId:guid}/settings", async (Guid productId, SettingsInput input, WarehouseHandler handler, CancellationToken ct) =>
                (await handler.SaveSettingsAsync(productId, input, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Manage)
            .WithName("SaveProductInventorySettings")
            .WithSummary("Set a product's tracking (fixed once it has moved), valuation override, supplier and lead time");
        inventory.MapPut("/category-valuation", async (CategoryValuationInput input, WarehouseHandler handler, CancellationToken ct) =>
                (await handler.SaveCategoryAsync(input, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Manage)
            .WithName("SaveCategoryValuation")
            .WithSummary("Set the valuation method (fifo or average) of a catalog category, by its path");
    }
}
