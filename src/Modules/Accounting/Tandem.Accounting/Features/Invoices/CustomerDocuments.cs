using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Invoices;

/// <summary>
/// Customer invoices and credit notes that other modules bill (sales orders, returns): the request is turned into the
/// same <see cref="InvoiceInput"/> a user enters and goes through <see cref="InvoicesHandler"/>, so numbering, posting,
/// open items, the outbox event and the audit trail are the ones of a document entered in Accounting.
/// </summary>
internal sealed class CustomerDocuments(AccountingDb db, DbSession session, InvoicesHandler invoices, CompanyCurrency currency)
{
    public async Task<Result<PostedInvoice>> PostAsync(CustomerDocumentRequest request, CancellationToken ct)
    {
        if (session.Transaction is null)
            throw new InvalidOperationException("A module posts a customer document inside its own open unit of work.");
        var lines = request.Lines ?? [];
        var errors = new FieldErrors()
            .When(request.Kind is not (InvoiceKind.CustomerInvoice or InvoiceKind.CustomerCreditNote), "kind", "customerInvoice or customerCreditNote.")
            .When(lines.Count == 0, "lines", "At least one line.");
        for (var i = 0; i < lines.Count; i++)
            errors.Required($"lines[{i}].accountCode", lines[i]?.AccountCode, 20);
        if (errors.Any)
            return errors.ToError();
        var codes = lines.Select(l => l.AccountCode.Trim()).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.IsActive && codes.Contains(a.Code))
            .Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        if (codes.FirstOrDefault(c => !accounts.ContainsKey(c)) is { } missing)
            return new Error("account_unknown", $"No active account {missing}.");
        var input = new InvoiceInput(request.Kind, request.PartyId, request.Date, request.Currency ?? (await currency.GetAsync(ct)).Value,
            request.PaymentTermId, request.Reference,
            lines.Select(l => new InvoiceLineInput(l.Description, l.Quantity, l.UnitPrice, accounts[l.AccountCode.Trim()], l.TaxId)).ToList());
        var posted = await invoices.CreateAsync(input, post: true, ct);
        if (!posted.IsSuccess)
        {
            // Nothing was saved before the refusal; what was added stays out of the caller's later saves.
            foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                added.State = EntityState.Detached;
            return posted.Error!;
        }
        var dto = posted.Value;
        return new PostedInvoice(dto.Id, dto.Number!, dto.Untaxed, dto.Tax, dto.Total, dto.JournalEntryId!.Value);
    }

    public async Task<IReadOnlyList<InvoiceStanding>> StandingsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var found = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Number, i.Kind, i.Status, i.Date, i.Total, i.Currency }).ToListAsync(ct);
        var open = (await db.OpenItems.AsNoTracking().Where(o => o.InvoiceId != null && ids.Contains(o.InvoiceId.Value))
                .Select(o => new { InvoiceId = o.InvoiceId!.Value, o.OpenAmount }).ToListAsync(ct))
            .GroupBy(o => o.InvoiceId).ToDictionary(g => g.Key, g => Math.Abs(g.Sum(o => o.OpenAmount)));
        return found.Select(i => new InvoiceStanding(i.Id, i.Number, i.Kind, i.Status == EntryStatus.Posted ? "posted" : "draft", i.Date,
                new Money(i.Total, i.Currency),
                // A draft owes nothing yet; a posted document owes what its open items still hold.
                new Money(i.Status == EntryStatus.Posted ? open.GetValueOrDefault(i.Id) : 0m, i.Currency)))
            .ToList();
    }
}
