using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Contracts;
using Tandem.Crm.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Platform.Modules;
using Tandem.Platform.Numbering;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Platform.Webhooks;
using Tandem.Platform.Seeding;
using Tandem.Sales.Bench;
using Tandem.Sales.Contracts;
using Tandem.Sales.Data;
using Tandem.Sales.Domain;
using Tandem.Sales.Features;
using Tandem.Sales.Features.Credit;
using Tandem.Sales.Features.Customers;
using Tandem.Sales.Features.Orders;
using Tandem.Sales.Features.Overview;
using Tandem.Sales.Features.Quotes;
using Tandem.Sales.Features.Returns;

namespace Tandem.Sales;

/// <summary>Quotes, credit checks and approvals, sales orders with their fulfilment chain, returns: the handoff from CRM to ERP.</summary>
public sealed class SalesModule : ITandemModule
{
    public string Name => "Sales";

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(SalesPermissions.Read, "See quotes, sales orders, returns and credit approvals"),
        new(SalesPermissions.Write, "Draft, revise, accept and reject quotes; authorise returns; set customers' sales terms"),
        new(SalesPermissions.Approve, "Approve or refuse credit beyond a customer's limit"),
        new(SalesPermissions.Fulfil, "Confirm and cancel sales orders, deliver, receive returns"),
        new(SalesPermissions.Invoice, "Invoice sales orders, close them, credit returns"),
    ];

    public IReadOnlyList<NavItem> Navigation =>
    [
        new("Sales", "Quotes", "/sales/quotes", "request_quote", SalesPermissions.Read, 30),
        new("Sales", "Sales orders", "/sales/orders", "receipt_long", SalesPermissions.Read, 31),
        new("Sales", "Credit approvals", "/sales/approvals", "credit_score", SalesPermissions.Approve, 32),
        new("Sales", "Deliveries to ship", "/sales/deliveries", "local_shipping", SalesPermissions.Fulfil, 33),
        new("Sales", "Orders to invoice", "/sales/invoicing", "request_page", SalesPermissions.Invoice, 34),
    ];

    public IReadOnlyList<SlotContribution> Slots =>
    [
        new(Platform.Modules.Slots.AccountOverview, typeof(AccountSalesPanel), "Sales", SalesPermissions.Read, 20),
        new(Platform.Modules.Slots.AccountActions, typeof(AccountNewQuoteButton), "New quote", SalesPermissions.Write, 10),
        new(Platform.Modules.Slots.OpportunityActions, typeof(OpportunityNewQuoteButton), "New quote", SalesPermissions.Write, 10),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<SalesDb, SalesDbSqlite, SalesDbPostgres>(SalesDb.SchemaName);
        services.AddWebhookEvent<QuoteAccepted>("quote.accepted", "A customer accepted a quote and it became a sales order",
            e => new { quoteId = e.QuoteId, quoteNumber = e.QuoteNumber, revision = e.Revision, customerId = e.CustomerId, opportunityId = e.OpportunityId, orderId = e.OrderId, orderNumber = e.OrderNumber, amount = e.Amount });
        services.AddWebhookEvent<OrderConfirmed>("order.confirmed", "A sales order was confirmed and its stock reserved",
            e => new { orderId = e.OrderId, number = e.Number, customerId = e.CustomerId, total = e.Total, promiseDate = e.PromiseDate });
        services.AddWebhookEvent<ShipmentDone>("shipment.done", "Goods of a sales order were shipped",
            e => new { orderId = e.OrderId, orderNumber = e.OrderNumber, customerId = e.CustomerId, date = e.Date, lines = e.Lines });
        services.AddIntegrationEventHandler<PaymentReceived, PaymentReceivedHandler>();
        services.AddSingleton(new Inventory.Contracts.MoveSourceOwner("sales_order", "its order's page or Sales → Deliveries to ship"));
        services.AddScoped<SalesCompany>();
        services.AddScoped<CreditCheck>();
        services.AddScoped<QuoteHandler>();
        services.AddScoped<QuoteDocuments>();
        services.AddScoped<OrderHandler>();
        services.AddScoped<INumberedDocuments, SalesNumbers>();
        services.AddScoped<ApprovalHandler>();
        services.AddScoped<ReturnHandler>();
        services.AddScoped<CustomerTermsHandler>();
        services.AddScoped<SalesOverview>();
        services.AddScoped<IAccountSalesSource>(s => s.GetRequiredService<SalesOverview>());
        services.AddScoped<IAccountTimelineSource>(s => s.GetRequiredService<SalesOverview>());
        services.AddScoped<IPartyReferenceHolder, SalesPartyReferences>();
        services.AddScoped<ISalesModule, SalesFacade>();
        services.AddScoped<IBenchDataset, SalesBenchDataset>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => SalesEndpoints.Map(api.MapGroup("/sales").WithTags("Sales"));

    public Task SeedDemoAsync(IServiceProvider services, CancellationToken ct) => Demo.SalesDemo.SeedAsync(services, ct);
}

internal sealed class SalesFacade(SalesDb db) : ISalesModule
{
    public async Task<SalesOrderSummary?> FindOrderAsync(Guid orderId, CancellationToken ct) =>
        await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.Id, o.Number, o.PartyId, o.Status, o.Total, o.Currency, o.QuoteId, o.OpportunityId, o.PromiseDate })
            .ToListAsync(ct) is [var o]
            ? new SalesOrderSummary(o.Id, o.Number, o.PartyId, SalesOrder.Describe(o.Status), new SharedKernel.Money(o.Total, o.Currency), o.QuoteId, o.OpportunityId, o.PromiseDate)
            : null;
}

/// <summary>A customer paid: their invoiced orders whose invoices are now all settled become paid. Idempotent: a paid order stays paid.</summary>
internal sealed class PaymentReceivedHandler(SalesDb db, DbSession session, OrderHandler orders) : IIntegrationEventHandler<PaymentReceived>
{
    public async Task HandleAsync(PaymentReceived integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var invoiced = await db.Orders.Include(o => o.Lines).Where(o => o.PartyId == integrationEvent.PartyId && o.Status == SalesOrderStatus.Invoiced).ToListAsync(ct);
        foreach (var order in invoiced)
            await orders.RefreshPaidAsync(order, ct);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
    }
}

/// <summary>After a party merge, quotes, orders, approvals and returns point to the survivor.</summary>
internal sealed class SalesPartyReferences(SalesDb db, DbSession session) : IPartyReferenceHolder
{
    public string Name => "Quotes, sales orders, credit approvals and returns";

    public async Task<int> RepointAsync(Guid fromPartyId, Guid toPartyId, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var quotes = await db.Quotes.Where(q => q.PartyId == fromPartyId).ToListAsync(ct);
        quotes.ForEach(q => q.RepointCustomer(toPartyId));
        var orders = await db.Orders.Where(o => o.PartyId == fromPartyId).ToListAsync(ct);
        orders.ForEach(o => o.RepointCustomer(toPartyId));
        var approvals = await db.Approvals.Where(a => a.PartyId == fromPartyId).ToListAsync(ct);
        approvals.ForEach(a => a.RepointCustomer(toPartyId));
        var returns = await db.Returns.Where(r => r.PartyId == fromPartyId).ToListAsync(ct);
        returns.ForEach(r => r.RepointCustomer(toPartyId));
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return quotes.Count + orders.Count + approvals.Count + returns.Count;
    }
}
