using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Numbering;
using Tandem.Sales.Features.Orders;
using Tandem.Sales.Features.Quotes;
using Tandem.Sales.Features.Returns;

namespace Tandem.Sales.Data;

/// <summary>Quotes (numbered when made; a revision keeps its quote's number, so only first revisions count), orders (when a quote is accepted) and return authorisations, per year.</summary>
internal sealed class SalesNumbers(SalesDb db) : INumberedDocuments
{
    public IReadOnlyList<DocumentNumberFormat> Formats { get; } = [QuoteHandler.NumberFormat, OrderHandler.NumberFormat, ReturnHandler.NumberFormat];

    public async IAsyncEnumerable<NumberedDocument> NumbersAsync([EnumeratorCancellation] CancellationToken ct)
    {
        // A million orders and their quotes on a large history: longer than a request's 30 seconds.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await foreach (var q in db.Quotes.IgnoreQueryFilters().AsNoTracking().Where(q => q.Revision == 1).Select(q => new { q.CompanyId, q.Number }).AsAsyncEnumerable().WithCancellation(ct))
            yield return new(q.CompanyId, QuoteHandler.NumberFormat, q.Number);
        await foreach (var o in db.Orders.IgnoreQueryFilters().AsNoTracking().Select(o => new { o.CompanyId, o.Number }).AsAsyncEnumerable().WithCancellation(ct))
            yield return new(o.CompanyId, OrderHandler.NumberFormat, o.Number);
        await foreach (var r in db.Returns.IgnoreQueryFilters().AsNoTracking().Select(r => new { r.CompanyId, r.Number }).AsAsyncEnumerable().WithCancellation(ct))
            yield return new(r.CompanyId, ReturnHandler.NumberFormat, r.Number);
    }
}
