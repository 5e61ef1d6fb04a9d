using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Platform.Modules;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.Platform.Seeding;
using Tandem.Platform.Webhooks;
using Tandem.Purchasing.Bench;
using Tandem.Purchasing.Contracts;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;
using Tandem.Purchasing.Features;
using Tandem.Purchasing.Features.Matching;
using Tandem.Purchasing.Features.Orders;
using Tandem.Purchasing.Features.Proposals;
using Tandem.Purchasing.Features.Receipts;
using Tandem.Purchasing.Features.Settings;
using Tandem.Purchasing.Features.SupplierPrices;
using Tandem.SharedKernel;

namespace Tandem.Purchasing;

/// <summary>Supplier price lists, requisitions and proposals, purchase orders with approval, receipts and returns, three-way match of vendor bills.</summary>
public sealed class PurchasingModule : ITandemModule
{
    public string Name => "Purchasing";

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(PurchasingPermissions.Read, "See purchase orders, receipts, proposals, supplier prices and matching exceptions"),
        new(PurchasingPermissions.Operate, "Draft, confirm, close and cancel purchase orders; turn proposals into orders; release bills from hold"),
        new(PurchasingPermissions.Approve, "Approve purchase orders at or above the approval threshold"),
        new(PurchasingPermissions.Manage, "Maintain supplier price lists, the approval threshold and the tolerances"),
    ];

    public IReadOnlyList<NavItem> Navigation =>
    [
        new("Purchasing", "Purchase orders", "/purchasing/orders", "shopping_cart", PurchasingPermissions.Read, 60),
        new("Purchasing", "Proposals", "/purchasing/proposals", "lightbulb", PurchasingPermissions.Read, 61),
        new("Purchasing", "Matching exceptions", "/purchasing/matching", "rule", PurchasingPermissions.Read, 62),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<PurchasingDb, PurchasingDbSqlite, PurchasingDbPostgres>(PurchasingDb.SchemaName);
        services.AddWebhookEvent<PurchaseOrderApproved>("purchase_order.approved", "A purchase order was approved",
            e => new { orderId = e.OrderId, number = e.Number, supplierId = e.SupplierId, total = e.Total });
        services.AddScoped<PurchasingCompany>();
        services.AddScoped<ProductLabels>();
        services.AddScoped<SettingsHandler>();
        services.AddScoped<SupplierPriceHandler>();
        services.AddScoped<OrderHandler>();
        services.AddScoped<INumberedDocuments, PurchasingNumbers>();
        services.AddScoped<IBenchDataset, PurchasingBenchDataset>();
        services.AddScoped<ReceiptHandler>();
        services.AddScoped<ProposalHandler>();
        services.AddScoped<MatchingHandler>();
        services.AddScoped<IBillMatcher, BillMatcher>();
        services.AddScoped<IScheduledSupply, OrderSupply>();
        services.AddScoped<IPartyReferenceHolder, PurchasingPartyReferences>();
        services.AddScoped<IPurchasingModule, PurchasingFacade>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var purchasing = api.MapGroup("/purchasing").WithTags("Purchasing");
        SettingsEndpoints.Map(purchasing);
        SupplierPriceEndpoints.Map(purchasing);
        OrderEndpoints.Map(purchasing);
        ReceiptEndpoints.Map(purchasing);
        ProposalEndpoints.Map(purchasing);
        MatchingEndpoints.Map(purchasing);
    }

    public async Task SeedDemoAsync(IServiceProvider services, CancellationToken ct) =>
        await Demo.PurchasingDemo.SeedAsync(services, ct);
}

internal sealed class PurchasingFacade(PurchasingDb db, ProposalHandler proposals) : IPurchasingModule
{
    public Task<Result<IReadOnlyList<Guid>>> ProposeAsync(IReadOnlyList<PurchaseNeed> needs, CancellationToken ct) => proposals.ProposeAsync(needs, ct);

    public async Task<PurchaseOrderSummary?> FindOrderAsync(Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
            return null;
        var open = order.Status is not (OrderStatus.Closed or OrderStatus.Cancelled);
        return new PurchaseOrderSummary(order.Id, order.Number, order.SupplierId, PurchaseOrder.Describe(order.Status), new Money(order.Total, order.Currency),
            order.Lines.OrderBy(l => l.LineNumber).Select(l => new PurchaseOrderLineSummary(l.Id, l.ProductId, l.Quantity, l.Received, l.Billed,
                open ? l.Backorder : 0m, new Money(l.UnitPrice, order.Currency))).ToList());
    }
}

/// <summary>After a party merge, orders, receipts, supplier prices and bill matches point to the survivor.</summary>
internal sealed class PurchasingPartyReferences(PurchasingDb db, DbSession session) : IPartyReferenceHolder
{
    public string Name => "Purchase orders, receipts, supplier prices and bill matches";

    public async Task<int> RepointAsync(Guid fromPartyId, Guid toPartyId, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var orders = await db.Orders.Where(o => o.SupplierId == fromPartyId).ToListAsync(ct);
        orders.ForEach(o => o.RepointSupplier(toPartyId));
        var receipts = await db.Receipts.Where(r => r.SupplierId == fromPartyId).ToListAsync(ct);
        receipts.ForEach(r => r.RepointSupplier(toPartyId));
        var prices = await db.Prices.Where(p => p.SupplierId == fromPartyId).ToListAsync(ct);
        prices.ForEach(p => p.RepointSupplier(toPartyId));
        var matches = await db.Matches.Where(m => m.SupplierId == fromPartyId).ToListAsync(ct);
        matches.ForEach(m => m.RepointSupplier(toPartyId));
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return orders.Count + receipts.Count + prices.Count + matches.Count;
    }
}
