using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features.Planning;

internal sealed record ReorderRuleInput(Guid ProductId, Guid WarehouseId, decimal Min, decimal Max);

internal sealed record ReorderRuleDto(Guid Id, Guid ProductId, Guid WarehouseId, decimal Min, decimal Max);

internal sealed record Proposal(Guid ProductId, Guid WarehouseId, decimal Min, decimal Max, decimal Forecast, decimal Quantity, Guid? SupplierId, int LeadTimeDays, DateOnly ExpectedDate);

/// <summary>What stock will be: available to promise over time, and the replenishment reorder rules call for.</summary>
internal sealed class PlanningHandler(InventoryDb db, DbSession session, ICatalogModule catalog, IEnumerable<IScheduledSupply> supplies, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Result<AtpAnswer>> PromiseAsync(AtpQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .When(query.ProductId == Guid.Empty, "product", "Required.")
            .When(query.Quantity <= 0, "quantity", "Greater than zero.")
            .When(query.Quantity > 1_000_000_000m, "quantity", "Too large.");
        if (errors.Any)
            return errors.ToError();
        if (await catalog.FindAsync(query.ProductId, ct) is null)
            return Error.NotFound("Product");
        if (query.WarehouseId is { } w && !await db.Warehouses.AnyAsync(x => x.Id == w, ct))
            return Error.NotFound("Warehouse");

        var (available, events) = await OutlookAsync(query.ProductId, query.WarehouseId, ct);
        var today = Today;
        var (timeline, date) = AvailableToPromise.Project(today, available, events, query.Quantity);
        var lead = await db.ProductSettings.AsNoTracking().Where(s => s.ProductId == query.ProductId).Select(s => (int?)s.LeadTimeDays).SingleOrDefaultAsync(ct) ?? 0;
        if (date is { } found)
            return new AtpAnswer(query.ProductId, query.Quantity, found, found == today ? "stock" : "scheduled", available, lead, timeline);
        var byLeadTime = today.AddDays(lead);
        var last = timeline[^1].Date;
        return new AtpAnswer(query.ProductId, query.Quantity, byLeadTime > last ? byLeadTime : last, "lead_time", available, lead, timeline);
    }

    public async Task<IReadOnlyList<ReorderRuleDto>> RulesAsync(CancellationToken ct) =>
        await db.ReorderRules.AsNoTracking().OrderBy(r => r.ProductId).Select(r => new ReorderRuleDto(r.Id, r.ProductId, r.WarehouseId, r.Min, r.Max)).ToListAsync(ct);

    public async Task<Result<ReorderRuleDto>> SaveRuleAsync(ReorderRuleInput input, CancellationToken ct)
    {
        if (ReorderRule.Validate(input.Min, input.Max) is { } invalid)
            return invalid;
        if (await catalog.FindAsync(input.ProductId, ct) is null)
            return Error.NotFound("Product");
        if (!await db.Warehouses.AnyAsync(w => w.Id == input.WarehouseId, ct))
            return Error.NotFound("Warehouse");
        await using var unit = await session.BeginAsync(ct);
        var rule = await db.ReorderRules.SingleOrDefaultAsync(r => r.ProductId == input.ProductId && r.WarehouseId == input.WarehouseId, ct);
        if (rule is null)
        {
            rule = ReorderRule.For(input.ProductId, input.WarehouseId);
            db.ReorderRules.Add(rule);
        }
        rule.Change(input.Min, input.Max);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new ReorderRuleDto(rule.Id, rule.ProductId, rule.WarehouseId, rule.Min, rule.Max);
    }

    /// <summary>For each rule whose forecast (available + open receipts − open issues) is below its minimum: what brings it to the maximum.</summary>
    public async Task<IReadOnlyList<Proposal>> ProposalsAsync(CancellationToken ct)
    {
        var rules = await db.ReorderRules.AsNoTracking().ToListAsync(ct);
        var settings = await db.ProductSettings.AsNoTracking().ToDictionaryAsync(s => s.ProductId, ct);
        var proposals = new List<Proposal>();
        foreach (var rule in rules)
        {
            var (available, events) = await OutlookAsync(rule.ProductId, rule.WarehouseId, ct);
            var forecast = available + events.Sum(e => e.Change);
            var quantity = rule.Proposal(forecast);
            if (quantity <= 0)
                continue;
            var own = settings.GetValueOrDefault(rule.ProductId);
            proposals.Add(new Proposal(rule.ProductId, rule.WarehouseId, rule.Min, rule.Max, forecast, quantity, own?.SupplierId, own?.LeadTimeDays ?? 0, Today.AddDays(own?.LeadTimeDays ?? 0)));
        }
        return proposals;
    }

    /// <summary>Available now in the warehouse (all when null), and the open moves and other modules' expected receipts that will change it.</summary>
    internal async Task<(decimal Available, IReadOnlyList<(DateOnly Date, decimal Change, string Reference)> Events)> OutlookAsync(
        Guid productId, Guid? warehouseId, CancellationToken ct)
    {
        var insideIds = await db.Locations.Where(l => l.Kind == LocationKind.Internal && (warehouseId == null || l.WarehouseId == warehouseId))
            .Select(l => l.Id).ToListAsync(ct);
        var inside = insideIds.ToHashSet();
        var available = await db.Levels.Where(l => l.ProductId == productId && insideIds.Contains(l.LocationId)).SumAsync(l => l.OnHand - l.Reserved, ct);
        var open = (await db.Moves.AsNoTracking()
            .Where(m => m.ProductId == productId && (m.Status == MoveStatus.Draft || m.Status == MoveStatus.Reserved))
            .Select(m => new { m.ScheduledDate, m.Quantity, m.ReservedQuantity, m.Number, m.FromLocationId, m.ToLocationId })
            .ToListAsync(ct))
            .Select(m => new { m.ScheduledDate, m.Quantity, m.ReservedQuantity, m.Number, In = inside.Contains(m.ToLocationId), Out = inside.Contains(m.FromLocationId) })
            .Where(m => m.In != m.Out)
            .ToList();
        // What an issue has reserved is already out of "available"; only its unreserved rest (all of a draft) is still to come.
        var events = open.Where(m => m.In || m.Quantity > m.ReservedQuantity)
            .Select(m => (m.ScheduledDate, m.In ? m.Quantity : -(m.Quantity - m.ReservedQuantity), m.Number)).ToList();
        foreach (var supply in supplies)
            events.AddRange((await supply.ExpectedAsync(productId, warehouseId, ct)).Select(r => (r.Date, r.Quantity, r.Reference)));
        return (available, events);
    }
}

internal static class PlanningEndpoints
{
    public static void Map(IEndpointRouteBuilder inventory)
    {
        inventory.MapGet("/atp", async (Guid? product, decimal? quantity, Guid? warehouse, PlanningHandler handler, CancellationToken ct) =>
                (await handler.PromiseAsync(new AtpQuery(product ?? Guid.Empty, quantity ?? 0m, warehouse), ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("AvailableToPromise")
            .WithSummary("The earliest date a quantity can ship: on hand − reserved + scheduled receipts − scheduled issues, then the supplier lead time");
        inventory.MapGet("/reorder-rules", async (PlanningHandler handler, CancellationToken ct) => Results.Ok(await handler.RulesAsync(ct)))
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ListReorderRules")
            .WithSummary("Min/max rules per product and warehouse");
        inventory.MapPut("/reorder-rules", async (ReorderRuleInput input, PlanningHandler handler, CancellationToken ct) => (await handler.SaveRuleAsync(input, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Manage)
            .WithName("SaveReorderRule")
            .WithSummary("Set the min/max rule of a product in a warehouse");
        inventory.MapGet("/replenishment", async (PlanningHandler handler, CancellationToken ct) => Results.Ok(await handler.ProposalsAsync(ct)))
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ReplenishmentProposals")
            .WithSummary("What the reorder rules propose to buy: up to the maximum where the forecast is below the minimum");
    }
}
