using Tandem.SharedKernel;

namespace Tandem.Purchasing.Contracts;

/// <summary>What other modules may ask of purchasing.</summary>
public interface IPurchasingModule
{
    /// <summary>The purchase order with its lines' ordered, received and billed quantities, or null.</summary>
    Task<PurchaseOrderSummary?> FindOrderAsync(Guid orderId, CancellationToken ct);
}

public sealed record PurchaseOrderSummary(Guid Id, string? Number, Guid SupplierId, string Status, Money Total, IReadOnlyList<PurchaseOrderLineSummary> Lines);

/// <summary><see cref="Backorder"/>: ordered − received, what is still to come while the order is open.</summary>
public sealed record PurchaseOrderLineSummary(Guid Id, Guid ProductId, decimal Ordered, decimal Received, decimal Billed, decimal Backorder, Money UnitPrice);

/// <summary>A purchase order was approved (directly at confirmation under the threshold, or by an approver): it may be sent to the supplier.</summary>
public sealed record PurchaseOrderApproved(Guid CompanyId, Guid OrderId, string Number, Guid SupplierId, Money Total) : IIntegrationEvent;

public static class PurchasingPermissions
{
    public const string Read = "purchasing.read";

    /// <summary>Draft, confirm and cancel orders; turn proposals into orders; release bills from hold.</summary>
    public const string Operate = "purchasing.operate";

    /// <summary>Approve orders at or above the company's approval threshold.</summary>
    public const string Approve = "purchasing.approve";

    /// <summary>Supplier price lists and the company's purchasing settings.</summary>
    public const string Manage = "purchasing.manage";
}
