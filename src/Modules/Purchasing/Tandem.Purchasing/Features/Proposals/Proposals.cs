using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Contracts;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;
using Tandem.Purchasing.Features.Orders;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Features.Proposals;

/// <summary>A replenishment proposal with the supplier that would be chosen and its price (null when none applies).</summary>
internal sealed record ProposalDto(
    Guid ProductId, string? Sku, Guid WarehouseId, decimal Forecast, decimal Min, decimal Max, decimal Quantity, int LeadTimeDays, DateOnly ExpectedDate,
    Guid? SupplierId, Money? UnitPrice);

/// <summary>Something to buy: a product, a quantity and the warehouse it goes to; the supplier when the requester knows it.</summary>
internal sealed record RequisitionLine(Guid ProductId, Guid WarehouseId, decimal Quantity, Guid? SupplierId = null);

internal sealed record RequisitionInput(IReadOnlyList<RequisitionLine>? Lines);

/// <summary>
/// Turns what the reorder rules propose, and requisitions entered by hand, into draft orders (requests for quotation):
/// per line the supplier with the cheapest valid price, then one draft per supplier and warehouse.
/// </summary>
internal sealed class ProposalHandler(
    PurchasingDb db, DbSession session, PurchasingCompany company, IInventoryModule inventory, ICatalogModule catalog, OrderHandler orders, TimeProvider clock)
{
    public const int MaxLines = 500;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<ProposalDto>> ListAsync(CancellationToken ct)
    {
        var proposals = await inventory.ProposeReplenishmentAsync(ct);
        var result = new List<ProposalDto>();
        foreach (var p in proposals)
        {
            var best = await BestAsync(p.ProductId, p.Quantity, p.SupplierId, ct);
            var product = await catalog.FindAsync(p.ProductId, ct);
            result.Add(new ProposalDto(p.ProductId, product?.Sku, p.WarehouseId, p.Forecast, p.Min, p.Max, p.Quantity, p.LeadTimeDays, p.ExpectedDate,
                best?.SupplierId ?? p.SupplierId, best is null ? null : new Money(best.UnitPrice, best.Currency)));
        }
        return result;
    }

    public async Task<Result<IReadOnlyList<OrderDto>>> DraftOrdersAsync(RequisitionInput input, CancellationToken ct)
    {
        var lines = input.Lines ?? [];
        var errors = new FieldErrors()
            .When(lines.Count == 0, "lines", "At least one line.")
            .When(lines.Count > MaxLines, "lines", $"At most {MaxLines} lines.");
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "Required.");
                continue;
            }
            errors.When(line.ProductId == Guid.Empty, $"lines[{i}].productId", "Required.")
                .When(line.WarehouseId == Guid.Empty, $"lines[{i}].warehouseId", "Required.")
                .When(line.Quantity <= 0 || line.Quantity > 1_000_000_000m || decimal.Round(line.Quantity, 4) != line.Quantity, $"lines[{i}].quantity", "A positive quantity with at most 4 decimals.");
        }
        if (errors.Any)
            return errors.ToError();

        var chosen = new List<(RequisitionLine Line, Guid Supplier)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var supplier = line.SupplierId;
            if (supplier is null)
            {
                var preferred = (await inventory.GetSupplyAsync(line.ProductId, ct)).SupplierId;
                supplier = (await BestAsync(line.ProductId, line.Quantity, preferred, ct))?.SupplierId ?? preferred;
            }
            if (supplier is null)
            {
                return new Error("supplier_missing", "No supplier has a valid price for this product and it has no preferred supplier; name one.")
                {
                    Fields = new Dictionary<string, string[]> { [$"lines[{i}].supplierId"] = ["Required."] },
                };
            }
            chosen.Add((line, supplier.Value));
        }

        await using var unit = await session.BeginAsync(ct);
        var created = new List<PurchaseOrder>();
        foreach (var group in chosen.GroupBy(c => (c.Supplier, c.Line.WarehouseId)))
        {
            var prepared = await orders.PrepareAsync(new OrderInput(group.Key.Supplier, group.Key.WarehouseId, null, Today, null, "Replenishment",
                group.Select(g => new OrderLineInput(g.Line.ProductId, g.Line.Quantity)).ToList()), ct);
            if (!prepared.IsSuccess)
                return prepared.Error!;
            var order = PurchaseOrder.Draft(prepared.Value.Header, prepared.Value.Lines, clock.GetUtcNow());
            db.Orders.Add(order);
            created.Add(order);
        }
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        var result = new List<OrderDto>();
        foreach (var order in created)
            result.Add(await orders.ToDtoAsync(order, ct));
        return result;
    }

    /// <summary>
    /// Shortages another module found (e.g. a confirmed sales order) become draft orders inside the caller's unit of work:
    /// each need at the supplier with the best valid price, one draft per supplier and warehouse, each line saying in its
    /// description what it is for. A need no supplier has a valid price for is skipped; <c>no_supplier</c> only when none
    /// can be placed.
    /// </summary>
    public async Task<Result<IReadOnlyList<Guid>>> ProposeAsync(IReadOnlyList<PurchaseNeed> needs, CancellationToken ct)
    {
        if (session.Transaction is null)
            throw new InvalidOperationException("Purchase needs are proposed inside the caller's open unit of work.");
        var errors = new FieldErrors()
            .When(needs.Count == 0, "needs", "At least one need.")
            .When(needs.Count > MaxLines, "needs", $"At most {MaxLines} needs.");
        for (var i = 0; i < needs.Count && i < MaxLines; i++)
        {
            var need = needs[i];
            errors.When(need.ProductId == Guid.Empty, $"needs[{i}].productId", "Required.")
                .When(need.WarehouseId == Guid.Empty, $"needs[{i}].warehouseId", "Required.")
                .When(need.Quantity <= 0 || need.Quantity > 1_000_000_000m || decimal.Round(need.Quantity, 4) != need.Quantity, $"needs[{i}].quantity", "A positive quantity with at most 4 decimals.")
                .Optional($"needs[{i}].forReference", need.ForReference, 60);
        }
        if (errors.Any)
            return errors.ToError();

        var placed = new List<(PurchaseNeed Need, Guid Supplier, string Description)>();
        foreach (var need in needs)
        {
            var product = await catalog.FindAsync(need.ProductId, ct);
            if (product is null)
                return new Error("not_found", $"Product {need.ProductId} was not found.", ErrorKind.NotFound);
            var preferred = (await inventory.GetSupplyAsync(need.ProductId, ct)).SupplierId;
            if (await BestAsync(need.ProductId, need.Quantity, preferred, ct) is not { } best)
                continue;
            var description = $"{product.Sku} {product.Name}";
            if (!string.IsNullOrWhiteSpace(need.ForReference))
                description += $" (for {need.ForReference.Trim()})";
            placed.Add((need, best.SupplierId, description.Length > 200 ? description[..200] : description));
        }
        if (placed.Count == 0)
            return new Error("no_supplier", "No supplier has a valid price for any of the products needed; nothing was proposed.");

        var created = new List<Guid>();
        foreach (var group in placed.GroupBy(p => (p.Supplier, p.Need.WarehouseId)))
        {
            var references = group.Select(p => p.Need.ForReference?.Trim()).Where(r => !string.IsNullOrEmpty(r)).Distinct().ToList();
            var reference = references.Count == 0 ? "Replenishment" : "For " + string.Join(", ", references);
            var prepared = await orders.PrepareAsync(new OrderInput(group.Key.Supplier, group.Key.WarehouseId, null, Today, null,
                reference.Length > 100 ? reference[..100] : reference,
                group.Select(p => new OrderLineInput(p.Need.ProductId, p.Need.Quantity, null, p.Description)).ToList()), ct);
            if (!prepared.IsSuccess)
                return prepared.Error!;
            var order = PurchaseOrder.Draft(prepared.Value.Header, prepared.Value.Lines, clock.GetUtcNow());
            db.Orders.Add(order);
            created.Add(order.Id);
        }
        await db.SaveChangesAsync(ct);
        return created;
    }

    private async Task<PriceOffer?> BestAsync(Guid productId, decimal quantity, Guid? preferred, CancellationToken ct)
    {
        var currency = await company.CurrencyAsync(ct);
        var offers = await db.Prices.AsNoTracking().Where(p => p.ProductId == productId)
            .Select(p => new PriceOffer(p.SupplierId, p.MinQuantity, p.UnitPrice, p.Currency, p.ValidFrom, p.ValidTo)).ToListAsync(ct);
        // Orders are in the company currency, so only its prices can be ordered at.
        return SupplierChoice.Best(offers.Where(o => o.Currency == currency), quantity, Today, currency, preferred);
    }
}

internal static class ProposalEndpoints
{
    public static void Map(IEndpointRouteBuilder purchasing)
    {
        purchasing.MapGet("/proposals", async (ProposalHandler handler, CancellationToken ct) => Results.Ok(await handler.ListAsync(ct)))
            .RequireAuthorization(PurchasingPermissions.Read).WithName("ListPurchaseProposals")
            .WithSummary("What the reorder rules propose to buy, with the supplier of the best valid price");
        purchasing.MapPost("/requisitions", async (RequisitionInput input, ProposalHandler handler, CancellationToken ct) =>
                (await handler.DraftOrdersAsync(input, ct)).ToHttp(o => Results.Created("/api/v1/purchasing/orders?status=draft", o)))
            .RequireAuthorization(PurchasingPermissions.Operate).WithName("DraftOrdersFromRequisitions")
            .WithSummary("Turn requisitions or accepted proposals into draft orders: per line the best-priced supplier, one draft per supplier and warehouse");
    }
}
