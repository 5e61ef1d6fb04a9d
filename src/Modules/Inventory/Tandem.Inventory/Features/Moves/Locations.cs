using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features.Moves;

internal sealed record Route(Location From, Location To, Guid WarehouseId);

/// <summary>Finds the locations a move of a kind goes between, and the company's virtual partner and adjustment locations.</summary>
internal sealed class Locations(InventoryDb db)
{
    public async Task<bool> IsInternalAsync(Guid locationId, CancellationToken ct) =>
        await db.Locations.AnyAsync(l => l.Id == locationId && l.Kind == LocationKind.Internal, ct);

    /// <summary>The company's virtual location at the path, created on first use.</summary>
    public async Task<Location> VirtualAsync(string path, LocationKind kind, CancellationToken ct)
    {
        var existing = await db.Locations.SingleOrDefaultAsync(l => l.Path == path, ct);
        if (existing is not null)
            return existing;
        var local = db.Locations.Local.FirstOrDefault(l => l.Path == path);
        if (local is not null)
            return local;
        var created = Location.Create(null, null, path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..], path, kind);
        db.Locations.Add(created);
        return created;
    }

    public async Task<Result<Route>> RouteAsync(MoveKind kind, Guid? warehouseId, Guid? fromId, Guid? toId, CancellationToken ct)
    {
        Warehouse? warehouse = null;
        if (warehouseId is { } wid)
        {
            warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == wid, ct);
            if (warehouse is null)
                return Error.NotFound("Warehouse");
        }
        var ids = new[] { fromId, toId }.Where(id => id is not null).Select(id => id!.Value).ToList();
        var given = await db.Locations.Where(l => ids.Contains(l.Id)).ToListAsync(ct);
        if (ids.FirstOrDefault(id => given.All(l => l.Id != id)) is var unknown && unknown != Guid.Empty)
            return new Error("not_found", $"Location {unknown} was not found.", ErrorKind.NotFound);
        var from = fromId is null ? null : given.Single(l => l.Id == fromId);
        var to = toId is null ? null : given.Single(l => l.Id == toId);
        Location? Stock() => warehouse is null ? null : db.Locations.Local.FirstOrDefault(l => l.Id == warehouse.StockLocationId);
        if (warehouse is not null)
            await db.Locations.Where(l => l.Id == warehouse.StockLocationId || l.Id == warehouse.ScrapLocationId).LoadAsync(ct);

        switch (kind)
        {
            case MoveKind.Receipt:
                to ??= Stock();
                from = await VirtualAsync(Location.SupplierPath, LocationKind.Supplier, ct);
                break;
            case MoveKind.Delivery:
                from ??= Stock();
                to = await VirtualAsync(Location.CustomerPath, LocationKind.Customer, ct);
                break;
            case MoveKind.Return when from is { Kind: LocationKind.Customer }:
                // A customer's return comes back into stock.
                to ??= Stock();
                break;
            case MoveKind.Return:
                from ??= Stock();
                to = await VirtualAsync(Location.SupplierPath, LocationKind.Supplier, ct);
                break;
            case MoveKind.Transfer:
                if (from is not null && to is not null && from.Id == to.Id)
                    return Error.Validation("toLocationId", "A transfer goes to another location.");
                break;
            case MoveKind.Adjustment:
                if ((from is null) == (to is null))
                    return Error.Validation("toLocationId", "An adjustment names the location that gains (toLocationId) or loses (fromLocationId).");
                if (to is null)
                    to = await VirtualAsync(Location.AdjustmentPath, LocationKind.Adjustment, ct);
                else
                    from = await VirtualAsync(Location.AdjustmentPath, LocationKind.Adjustment, ct);
                break;
            case MoveKind.Scrap:
                from ??= Stock();
                if (from?.WarehouseId is { } home)
                {
                    var scrapId = await db.Warehouses.Where(w => w.Id == home).Select(w => w.ScrapLocationId).SingleAsync(ct);
                    to = await db.Locations.SingleAsync(l => l.Id == scrapId, ct);
                }
                break;
        }
        if (from is null)
            return Error.Validation("fromLocationId", "Required (or give warehouseId).");
        if (to is null)
            return Error.Validation("toLocationId", "Required (or give warehouseId).");
        var internalSide = kind == MoveKind.Receipt || (kind is MoveKind.Adjustment or MoveKind.Return && to.IsInternal) ? to : from;
        if (!internalSide.IsInternal || (kind == MoveKind.Transfer && !to.IsInternal))
            return new Error("location_not_internal", $"{internalSide.Path} does not hold stock; a {kind.ToString().ToLowerInvariant()} needs an internal location.")
            {
                Fields = new Dictionary<string, string[]> { [internalSide == to ? "toLocationId" : "fromLocationId"] = ["Not an internal location."] },
            };
        return new Route(from, to, internalSide.WarehouseId!.Value);
    }
}
