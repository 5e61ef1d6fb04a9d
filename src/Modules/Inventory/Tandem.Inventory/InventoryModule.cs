using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Inventory.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Inventory.Features;
using Tandem.Inventory.Features.Counts;
using Tandem.Inventory.Features.Moves;
using Tandem.Inventory.Features.Planning;
using Tandem.Inventory.Features.Stock;
using Tandem.Inventory.Features.Warehouses;
using Tandem.Parties.Contracts;
using Tandem.Platform.Consistency;
using Tandem.Platform.Modules;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;
using Tandem.Inventory.Bench;
using Tandem.Platform.Seeding;

namespace Tandem.Inventory;

/// <summary>Warehouses, locations, stock moves, reservations, available-to-promise, lots and serials, valuation and counts.</summary>
public sealed class InventoryModule : ITandemModule
{
    public string Name => "Inventory";

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(InventoryPermissions.Read, "See stock, moves, lots and the valuation"),
        new(InventoryPermissions.Operate, "Receive, pick, deliver, transfer, adjust and count stock"),
        new(InventoryPermissions.Manage, "Maintain warehouses, locations, product inventory settings and reorder rules"),
    ];

    public IReadOnlyList<NavItem> Navigation =>
    [
        new("Inventory", "Receipts and deliveries", "/inventory/operations", "local_shipping", InventoryPermissions.Read, 50),
        new("Inventory", "Pick", "/inventory/pick", "qr_code_scanner", InventoryPermissions.Operate, 51),
        new("Inventory", "Stock", "/inventory/stock", "inventory", InventoryPermissions.Read, 52),
        new("Inventory", "Counts", "/inventory/counts", "fact_check", InventoryPermissions.Read, 53),
        new("Inventory", "Valuation", "/inventory/valuation", "euro", InventoryPermissions.Read, 54),
        new("Inventory", "Warehouses", "/inventory/warehouses", "warehouse", InventoryPermissions.Read, 55),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<InventoryDb, InventoryDbSqlite, InventoryDbPostgres>(InventoryDb.SchemaName);
        services.AddScoped<StockLedger>();
        services.AddScoped<CompanyMoney>();
        services.AddScoped<ProductNames>();
        services.AddScoped<Locations>();
        services.AddScoped<MoveValuation>();
        services.AddScoped<MoveHandler>();
        services.AddScoped<MoveQueries>();
        services.AddScoped<WarehouseHandler>();
        services.AddScoped<StockQueries>();
        services.AddScoped<PlanningHandler>();
        services.AddScoped<CountHandler>();
        services.AddScoped<IConsistencyCheck, StockCheck>();
        services.AddScoped<INumberedDocuments, StockNumbers>();
        services.AddScoped<IBenchDataset, InventoryBenchDataset>();
        services.AddScoped<IPartyReferenceHolder, InventoryPartyReferences>();
        services.AddScoped<IInventoryModule, InventoryFacade>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var inventory = api.MapGroup("/inventory").WithTags("Inventory");
        WarehouseEndpoints.Map(inventory);
        MoveEndpoints.Map(inventory);
        StockEndpoints.Map(inventory);
        PlanningEndpoints.Map(inventory);
        CountEndpoints.Map(inventory);
    }

    public async Task SeedDemoAsync(IServiceProvider services, CancellationToken ct) =>
        await Demo.InventoryDemo.SeedAsync(services, ct);
}

internal sealed class InventoryFacade(
    CompanyMoney money, MoveHandler moves, PlanningHandler planning, StockQueries stock, InventoryDb db, Locations locations, DbSession session) : IInventoryModule
{
    public async Task<Result<DeliveryDone>> CompleteDeliveryAsync(DeliveryCompletion request, CancellationToken ct)
    {
        if (request.Quantity <= 0)
            return Error.Validation("quantity", "Greater than zero.");
        var kind = await db.Moves.AsNoTracking().Where(m => m.Id == request.MoveId).Select(m => (MoveKind?)m.Kind).SingleOrDefaultAsync(ct);
        if (kind is null)
            return Error.NotFound("Stock move");
        if (kind != MoveKind.Delivery)
            return Error.Conflict("move_not_delivery", "Only a delivery is completed this way.");
        var completed = await Rules(() => moves.CompletePartAsync(request.MoveId, new CompleteInput(Lines(request.Lots), request.Date, request.Quantity), ct, byOwner: true));
        if (!completed.IsSuccess)
            return completed.Error!;
        var (done, backorder) = completed.Value;
        var lots = await LotsAsync([done.Id], ct);
        return new DeliveryDone(Summary(done), backorder is null ? null : Summary(backorder), -done.Value, lots.GetValueOrDefault(done.Id, []));
    }

    public async Task<Result<MoveSummary>> CancelMoveAsync(Guid moveId, CancellationToken ct) =>
        (await Rules(() => moves.CancelAsync(moveId, ct, byOwner: true))).Map(Summary);

    public async Task<Result<MoveSummary>> ReceiveCustomerReturnAsync(CustomerReturnRequest request, CancellationToken ct)
    {
        if (session.Transaction is null)
            throw new InvalidOperationException("A customer return is received inside the caller's open unit of work.");
        var customers = await locations.VirtualAsync(Location.CustomerPath, LocationKind.Customer, ct);
        await db.SaveChangesAsync(ct);
        var created = await Rules(() => moves.CreateAsync(new MoveInput("return", request.ProductId, request.Quantity, null, request.WarehouseId,
            FromLocationId: customers.Id, PartyId: request.CustomerId, UnitCost: request.UnitCost, ScheduledDate: request.Date, Source: request.Source,
            Reference: request.Reference, Done: true, Lines: Lines(request.Lots)), ct));
        return created.Map(Summary);
    }

    public async Task<IReadOnlyList<MoveDetail>> GetMovesAsync(IReadOnlyCollection<Guid> moveIds, CancellationToken ct)
    {
        if (moveIds.Count == 0)
            return [];
        var found = await db.Moves.AsNoTracking().Where(m => moveIds.Contains(m.Id)).OrderBy(m => m.Number).ToListAsync(ct);
        var lots = await LotsAsync(found.Select(m => m.Id).ToList(), ct);
        return found.Select(m => new MoveDetail(m.Id, m.Number, Name(m.Kind), Name(m.Status), m.ProductId, m.Quantity, m.ReservedQuantity, m.WarehouseId,
                m.ScheduledDate, m.DoneDate, m.SourceType is null ? null : new SourceDocument(m.SourceType, m.SourceId!.Value, m.SourceLineId),
                lots.GetValueOrDefault(m.Id, [])))
            .ToList();
    }

    /// <summary>The lots or serials of done moves: a serial as <see cref="LotEntry.Serial"/>, a lot with its quantity.</summary>
    private async Task<Dictionary<Guid, IReadOnlyList<LotEntry>>> LotsAsync(IReadOnlyCollection<Guid> moveIds, CancellationToken ct)
    {
        var rows = await db.MoveLines.AsNoTracking().Where(l => moveIds.Contains(l.MoveId) && l.LotId != null)
            .Join(db.Lots, l => l.LotId, lot => lot.Id, (l, lot) => new { l.MoveId, lot.Number, lot.IsSerial, lot.ExpiryDate, l.Quantity })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.MoveId).ToDictionary(g => g.Key, g => (IReadOnlyList<LotEntry>)g
            .OrderBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => r.IsSerial ? new LotEntry(Serial: r.Number, Quantity: r.Quantity) : new LotEntry(r.Number, null, r.Quantity, r.ExpiryDate)).ToList());
    }

    /// <summary>A rule an aggregate guards (a done move cannot be cancelled) comes back as the refusal it is.</summary>
    private static async Task<Result<T>> Rules<T>(Func<Task<Result<T>>> action)
    {
        try
        {
            return await action();
        }
        catch (BusinessRuleException rule)
        {
            return rule.Error;
        }
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public async Task<Contracts.StockLevel> GetStockAsync(Guid productId, Guid? warehouseId, CancellationToken ct)
    {
        var levels = await stock.LevelsAsync(productId, warehouseId, ct);
        return new Contracts.StockLevel(productId, warehouseId, levels.Sum(l => l.OnHand), levels.Sum(l => l.Reserved), levels.Sum(l => l.Available));
    }

    public Task<Result<AtpAnswer>> PromiseAsync(AtpQuery query, CancellationToken ct) => planning.PromiseAsync(query, ct);

    public async Task<Result<MoveSummary>> CreateDeliveryAsync(DeliveryRequest request, CancellationToken ct)
    {
        var created = await moves.CreateAsync(new MoveInput("delivery", request.ProductId, request.Quantity, request.Unit, request.WarehouseId,
            PartyId: request.CustomerId, ScheduledDate: request.ScheduledDate, Source: request.Source, Reserve: true, ReserveAvailable: request.ReserveAvailable), ct);
        return created.Map(Summary);
    }

    public async Task<Result<MoveSummary>> CreateReceiptAsync(ReceiptRequest request, CancellationToken ct)
    {
        var cost = await money.AmountAsync(request.UnitCost, "unitCost", ct);
        if (!cost.IsSuccess)
            return cost.Error!;
        var created = await moves.CreateAsync(new MoveInput("receipt", request.ProductId, request.Quantity, request.Unit, request.WarehouseId,
            PartyId: request.SupplierId, UnitCost: cost.Value, ScheduledDate: request.ScheduledDate, Source: request.Source, Reference: request.Reference,
            Done: request.Done, Lines: Lines(request.Lots)), ct);
        return created.Map(Summary);
    }

    public async Task<Result<MoveSummary>> ReturnToSupplierAsync(SupplierReturnRequest request, CancellationToken ct)
    {
        var created = await moves.CreateAsync(new MoveInput("return", request.ProductId, request.Quantity, null, request.WarehouseId,
            PartyId: request.SupplierId, ScheduledDate: request.Date, Source: request.Source, Reference: request.Reference,
            Done: true, Lines: Lines(request.Lots)), ct);
        return created.Map(Summary);
    }

    public async Task<IReadOnlyList<WarehouseSummary>> ListWarehousesAsync(CancellationToken ct) =>
        await db.Warehouses.AsNoTracking().OrderBy(w => w.Code).Select(w => new WarehouseSummary(w.Id, w.Code, w.Name, w.StockLocationId)).ToListAsync(ct);

    public async Task<WarehouseSummary?> FindWarehouseAsync(Guid warehouseId, CancellationToken ct) =>
        await db.Warehouses.AsNoTracking().Where(w => w.Id == warehouseId).Select(w => new WarehouseSummary(w.Id, w.Code, w.Name, w.StockLocationId)).SingleOrDefaultAsync(ct);

    public async Task<ProductSupply> GetSupplyAsync(Guid productId, CancellationToken ct)
    {
        var own = await db.ProductSettings.AsNoTracking().Where(s => s.ProductId == productId)
            .Select(s => new { s.SupplierId, s.LeadTimeDays, s.Tracking }).SingleOrDefaultAsync(ct);
        return new ProductSupply(productId, own?.SupplierId, own?.LeadTimeDays ?? 0, (own?.Tracking ?? Tracking.None).ToString().ToLowerInvariant());
    }

    public async Task<IReadOnlyList<ReplenishmentProposal>> ProposeReplenishmentAsync(CancellationToken ct) =>
        (await planning.ProposalsAsync(ct))
            .Select(p => new ReplenishmentProposal(p.ProductId, p.WarehouseId, p.Min, p.Max, p.Forecast, p.Quantity, p.SupplierId, p.LeadTimeDays, p.ExpectedDate))
            .ToList();

    private static List<MoveLineInput>? Lines(IReadOnlyList<LotEntry>? lots) =>
        lots?.Select(l => new MoveLineInput(l?.Lot, l?.Serial, l?.Quantity, l?.ExpiryDate)).ToList();

    private static MoveSummary Summary(StockMove m) =>
        new(m.Id, m.Number, Name(m.Kind), Name(m.Status), m.ProductId, m.Quantity, m.Value, m.ReservedQuantity);
}

/// <summary>After a party merge, moves, lots and product suppliers point to the survivor.</summary>
internal sealed class InventoryPartyReferences(InventoryDb db, DbSession session) : IPartyReferenceHolder
{
    public string Name => "Stock moves, lots and product suppliers";

    public async Task<int> RepointAsync(Guid fromPartyId, Guid toPartyId, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var moves = await db.Moves.Where(m => m.PartyId == fromPartyId).ToListAsync(ct);
        foreach (var move in moves)
            move.RepointParty(toPartyId);
        var lots = await db.Lots.Where(l => l.SupplierId == fromPartyId).ToListAsync(ct);
        foreach (var lot in lots)
            lot.RepointSupplier(toPartyId);
        var settings = await db.ProductSettings.Where(s => s.SupplierId == fromPartyId).ToListAsync(ct);
        foreach (var setting in settings)
            setting.RepointSupplier(toPartyId);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return moves.Count + lots.Count + settings.Count;
    }
}
