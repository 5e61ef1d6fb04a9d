using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Features.Counts;
using Tandem.Inventory.Features.Moves;
using Tandem.Platform.Numbering;

namespace Tandem.Inventory.Data;

/// <summary>Stock moves (SM000001, backorders included) and count sheets (CNT00001), each one sequence for all years.</summary>
internal sealed class StockNumbers(InventoryDb db) : INumberedDocuments
{
    public IReadOnlyList<DocumentNumberFormat> Formats { get; } = [MoveHandler.NumberFormat, CountHandler.NumberFormat];

    public async IAsyncEnumerable<NumberedDocument> NumbersAsync([EnumeratorCancellation] CancellationToken ct)
    {
        // Millions of moves on a large warehouse history: minutes, not a request's 30 seconds.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var moves = db.Moves.IgnoreQueryFilters().AsNoTracking().Select(m => new { m.CompanyId, m.Number });
        await foreach (var m in moves.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(m.CompanyId, MoveHandler.NumberFormat, m.Number);
        var counts = db.Counts.IgnoreQueryFilters().AsNoTracking().Select(c => new { c.CompanyId, c.Number });
        await foreach (var c in counts.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(c.CompanyId, CountHandler.NumberFormat, c.Number);
    }
}
