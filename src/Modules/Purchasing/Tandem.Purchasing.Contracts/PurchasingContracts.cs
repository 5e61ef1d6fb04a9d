using Tandem.SharedKernel;

namespace Tandem.Purchasing.Contracts;

/// <summary>What other modules may ask of purchasing.</summary>
public interface IPurchasingModule
{
    /// <summary>The purchase order with its lines' ordered, received and billed quantities, or null.</summary>
    Task<PurchaseOrderSummary?> FindOrderAsync(Guid orderId, CancellationToken ct);

    /// <summary>
    /// Turns shortages (e.g. of a confirmed sales order) into purchase proposals inside the caller's unit of work:
    /// draft orders (requests for quotation) at the supplier with the best valid price in the company currency, one per
    /// supplier and warehouse, each line noting in its description what it was proposed for (e.g. "for SO-2026-00012").
    /// Returns the draft orders' ids. A need that no supplier has a valid price for is skipped (it stays a shortage to
    /// buy by hand); <c>no_supplier</c> only when none of the needs can be placed. Bad needs are refused per field.
    /// </summary>
    Task<Result<IReadOnlyList<Guid>>> ProposeAsync(IReadOnlyList<PurchaseNeed> needs, CancellationToken ct);
}

/// <summary>Something short: the product, quantity and warehouse, when it is needed, and the document it is for (e.g. <c>sales_order</c>, id, number).</summary>
public sealed record PurchaseNeed(Guid ProductId, decimal Quantity, Guid WarehouseId, DateOnly NeededBy, string? ForType, Guid? ForId, string? ForReference);

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
