using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Platform.Numbering;

namespace Tandem.Accounting.Ledger;

/// <summary>Journal entries, invoices of the four kinds and payments each way, as numbered when posted.</summary>
internal sealed class AccountingNumbers(AccountingDb db) : INumberedDocuments
{
    public IReadOnlyList<DocumentNumberFormat> Formats { get; } =
        [LedgerPosting.NumberFormat, .. Invoice.NumberFormats, Payment.InNumberFormat, Payment.OutNumberFormat];

    public async IAsyncEnumerable<NumberedDocument> NumbersAsync([EnumeratorCancellation] CancellationToken ct)
    {
        // Millions of entries on a large ledger: minutes, not a request's 30 seconds.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var entries = db.Entries.IgnoreQueryFilters().AsNoTracking().Where(e => e.Number != null).Select(e => new { e.CompanyId, e.Number });
        await foreach (var e in entries.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(e.CompanyId, LedgerPosting.NumberFormat, e.Number!);
        var invoices = db.Invoices.IgnoreQueryFilters().AsNoTracking().Where(i => i.Number != null).Select(i => new { i.CompanyId, i.Kind, i.Number });
        await foreach (var i in invoices.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(i.CompanyId, Invoice.NumberFormatOf(i.Kind), i.Number!);
        var payments = db.Payments.IgnoreQueryFilters().AsNoTracking().Select(p => new { p.CompanyId, p.Direction, p.Number });
        await foreach (var p in payments.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(p.CompanyId, p.Direction == PaymentDirection.In ? Payment.InNumberFormat : Payment.OutNumberFormat, p.Number);
    }
}
