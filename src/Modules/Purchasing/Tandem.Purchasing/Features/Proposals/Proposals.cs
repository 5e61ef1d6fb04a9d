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
