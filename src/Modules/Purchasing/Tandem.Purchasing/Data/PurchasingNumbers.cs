using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Numbering;
using Tandem.Purchasing.Features.Orders;
using Tandem.Purchasing.Features.Receipts;

namespace Tandem.Purchasing.Data;

/// <summary>Purchase orders (numbered when confirmed; drafts have none), receipts and returns to suppliers, per year.</summary>
internal sealed class PurchasingNumbers(PurchasingDb db) : INumberedDocuments
{
    public IReadOnlyList<DocumentNumberFormat> Formats { get; } = [OrderHandler.NumberFormat, ReceiptHandler.NumberFormat, ReceiptHandler.ReturnNumberFormat];

    public async IAsyncEnumerable<NumberedDocument> NumbersAsync([EnumeratorCancellation] CancellationToken ct)
    {
        // A million orders on a large history: longer than a request's 30 seconds.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var orders = db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => o.Number != null).Select(o => new { o.CompanyId, o.Number });
        await foreach (var o in orders.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(o.CompanyId, OrderHandler.NumberFormat, o.Number!);
        var receipts = db.Receipts.IgnoreQueryFilters().AsNoTracking().Select(r => new { r.CompanyId, r.IsReturn, r.Number });
        await foreach (var r in receipts.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(r.CompanyId, r.IsReturn ? ReceiptHandler.ReturnNumberFormat : ReceiptHandler.NumberFormat, r.Number);
    }
}
