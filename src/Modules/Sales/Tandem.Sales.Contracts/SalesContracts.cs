using Tandem.SharedKernel;

namespace Tandem.Sales.Contracts;

/// <summary>What other modules may ask of sales.</summary>
public interface ISalesModule
{
    /// <summary>The sales order with its status and lineage (quote, opportunity), or null.</summary>
    Task<SalesOrderSummary?> FindOrderAsync(Guid orderId, CancellationToken ct);
}

/// <summary>A sales order as other modules see it; <see cref="QuoteId"/> and <see cref="OpportunityId"/> are its lineage.</summary>
public sealed record SalesOrderSummary(Guid Id, string Number, Guid CustomerId, string Status, Money Total, Guid? QuoteId, Guid? OpportunityId, DateOnly? PromiseDate);

/// <summary>A customer accepted a quote and it became a sales order; the CRM marks the opportunity won with the order amount.</summary>
public sealed record QuoteAccepted(
    Guid CompanyId, Guid QuoteId, string QuoteNumber, int Revision, Guid CustomerId, Guid? AccountId, Guid? OpportunityId, Guid OrderId, string OrderNumber,
    Money Amount) : IIntegrationEvent;

/// <summary>A sales order was confirmed: its stock is reserved and shortages were proposed for purchase.</summary>
public sealed record OrderConfirmed(Guid CompanyId, Guid OrderId, string Number, Guid CustomerId, Money Total, DateOnly? PromiseDate) : IIntegrationEvent;

/// <summary>Goods of a sales order left the warehouse.</summary>
public sealed record ShipmentDone(Guid CompanyId, Guid OrderId, string OrderNumber, Guid CustomerId, DateOnly Date, IReadOnlyList<ShippedLine> Lines) : IIntegrationEvent;

/// <summary>One line of a shipment: the done move, the product, quantity and lots or serials.</summary>
public sealed record ShippedLine(Guid MoveId, string MoveNumber, Guid ProductId, decimal Quantity, IReadOnlyList<string> LotsOrSerials);

public static class SalesPermissions
{
    public const string Read = "sales.read";

    /// <summary>Quotes: draft, revise, send, accept, reject; customer sales settings.</summary>
    public const string Write = "sales.write";

    /// <summary>Decide credit approvals (finance manager).</summary>
    public const string Approve = "sales.approve";

    /// <summary>Confirm and cancel orders, deliver, receive returns (warehouse).</summary>
    public const string Fulfil = "sales.fulfil";

    /// <summary>Invoice orders and issue credit notes for returns (accountant).</summary>
    public const string Invoice = "sales.invoice";
}
