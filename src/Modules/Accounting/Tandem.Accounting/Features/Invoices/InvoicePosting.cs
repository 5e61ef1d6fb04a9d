using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.Platform;
using Tandem.Platform.Numbering;
using Tandem.Platform.Outbox;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Invoices;

/// <summary>
/// Posts an invoice inside the caller's unit of work: the gap-free number of its kind, the journal entry (control
/// account, revenue or expense, tax) and one open item per instalment of its payment term.
/// </summary>
internal sealed class InvoicePosting(
    AccountingDb db, LedgerPosting posting, CompanyCurrency currency, DocumentNumbers numbers, IEnumerable<IBillMatcher> matchers, IOutbox outbox,
    ICompanyContext tenant, TimeProvider clock)
{
    public async Task<Error?> PostAsync(Invoice invoice, CancellationToken ct)
    {
        if (invoice.Status == EntryStatus.Posted)
            return Error.Conflict("invoice_posted", $"{invoice.Number} is already posted.");
        if (invoice.Lines.Count == 0)
            return new Error("invoice_empty", "An invoice needs at least one line.");
        if (BillMatching.ToMatch(invoice) is { } bill)
        {
            if (!matchers.Any())
                return new Error("purchase_order_line_unknown", "No purchase orders exist to match this bill's lines against.");
            foreach (var matcher in matchers)
            {
                var matched = await matcher.MatchAsync(bill, posting: true, ct);
                if (!matched.IsSuccess)
                    return matched.Error;
                if (matched.Value.OnHold)
                    return Error.Conflict("bill_on_hold", $"The bill is on hold: {matched.Value.Reason}");
            }
        }
        var company = await currency.GetAsync(ct);
        var rate = await currency.RateAsync(invoice.Currency, invoice.Date, ct);
        if (!rate.IsSuccess)
            return rate.Error;
        var role = invoice.IsCustomer ? ControlRole.Receivable : ControlRole.Payable;
        var control = await db.Accounts.AsNoTracking().Where(a => a.Role == role && a.IsActive).OrderBy(a => a.Code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (control is null)
            return new Error("control_account_missing", $"No active {role.ToString().ToLowerInvariant()} account in the chart.");
        var period = await posting.OpenPeriodAsync(invoice.Date, ct);
        if (!period.IsSuccess)
            return period.Error;
        var taxIds = invoice.Lines.Where(l => l.TaxId is not null).Select(l => l.TaxId!.Value).Distinct().ToList();
        var taxes = await db.Taxes.AsNoTracking().Where(t => taxIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);

        var number = await numbers.NextAsync(Invoice.NumberFormatOf(invoice.Kind), period.Value.FiscalYear, ct);
        var sign = invoice.Sign;
        // Signed company-currency amounts, debit positive; the control line takes the sum so the entry balances exactly.
        var lines = new List<(Guid Account, decimal Company, decimal Amount, Guid? Party, string? Description)>();
        foreach (var line in invoice.Lines)
            lines.Add((line.AccountId, -sign * ExchangeRate.Convert(line.Base, rate.Value, company), -sign * line.Base, null, line.Description));
        foreach (var group in invoice.Lines.Where(l => l.TaxId is not null && l.TaxAmount != 0).GroupBy(l => l.TaxId!.Value))
        {
            var tax = taxes[group.Key];
            var amount = group.Sum(l => l.TaxAmount);
            lines.Add((invoice.IsCustomer ? tax.SalesAccountId : tax.PurchaseAccountId, -sign * ExchangeRate.Convert(amount, rate.Value, company), -sign * amount, null, tax.Name));
        }
        var companyTotal = -lines.Sum(l => l.Company);
        lines.Insert(0, (control.Value, companyTotal, sign * invoice.Total, invoice.PartyId, number));
        var drafts = lines.Where(l => l.Company != 0 || l.Amount != 0)
            .Select(l => new LineDraft(l.Account, Math.Max(l.Company, 0m), Math.Max(-l.Company, 0m), invoice.Currency, l.Amount, l.Party, null, l.Description))
            .ToList();
        var entry = JournalEntry.Draft(new EntryHeader(invoice.Date, $"{Describe(invoice.Kind)} {number}", number), company, drafts, clock.GetUtcNow());
        db.Entries.Add(entry);
        if (await posting.PostAsync(entry, ct) is { } refused)
            return refused;
        invoice.MarkPosted(number, rate.Value, entry.Id);
        outbox.Publish(new InvoicePosted(tenant.CompanyId, invoice.Id, number, invoice.Kind, invoice.PartyId, invoice.Date, new Money(invoice.Total, invoice.Currency)));

        var instalments = invoice.PaymentTermId is { } termId
            ? (await db.PaymentTerms.AsNoTracking().SingleAsync(t => t.Id == termId, ct)).Parse()
            : [new Instalment(InstalmentKind.Remainder, 0m, 0, false)];
        var schedule = PaymentTerm.Schedule(instalments, invoice.Date, invoice.Total, invoice.Currency);
        var absoluteCompany = Math.Abs(companyTotal);
        var allocated = 0m;
        for (var i = 0; i < schedule.Count; i++)
        {
            var (due, amount) = schedule[i];
            var value = i == schedule.Count - 1 || invoice.Total == 0
                ? absoluteCompany - allocated
                : Math.Round(absoluteCompany * amount / invoice.Total, company.MinorUnits, MidpointRounding.AwayFromZero);
            allocated += value;
            if (amount == 0 && value == 0)
                continue;
            db.OpenItems.Add(OpenItem.Open(invoice.PartyId, control.Value, invoice.IsCustomer, invoice.Id, null, number, i + 1,
                invoice.Date, due, invoice.Currency, sign * amount, sign * value));
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static string Describe(InvoiceKind kind) => kind switch
    {
        InvoiceKind.CustomerInvoice => "Invoice",
        InvoiceKind.CustomerCreditNote => "Credit note",
        InvoiceKind.VendorBill => "Bill",
        _ => "Refund",
    };
}

/// <summary>The part of a vendor bill that is matched against purchase orders: its lines that name an order line.</summary>
internal static class BillMatching
{
    public static BillToMatch? ToMatch(Invoice invoice)
    {
        if (invoice.Kind != InvoiceKind.VendorBill)
            return null;
        var lines = invoice.Lines.Where(l => l.PurchaseOrderLineId is not null)
            .Select(l => new BillLineToMatch(l.LineNumber, l.PurchaseOrderLineId!.Value, l.Quantity, l.UnitPrice)).ToList();
        return lines.Count == 0 ? null : new BillToMatch(invoice.Id, invoice.PartyId, invoice.Currency, invoice.Date, lines);
    }
}
