using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Parties.Contracts;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Invoices;

/// <summary>A line; on a vendor bill <see cref="PurchaseOrderLineId"/> names the purchase order line it bills, which is then matched three ways.</summary>
public sealed record InvoiceLineInput(string? Description, decimal Quantity, decimal UnitPrice, Guid AccountId, Guid? TaxId = null, Guid? PurchaseOrderLineId = null);

/// <summary>The body of an invoice: unit prices in the invoice currency, with or without tax as each line's tax says.</summary>
public sealed record InvoiceInput(
    InvoiceKind Kind, Guid PartyId, DateOnly? Date, string? Currency, Guid? PaymentTermId, string? Reference, IReadOnlyList<InvoiceLineInput>? Lines);

public sealed record InvoiceLineDto(int LineNumber, string Description, decimal Quantity, decimal UnitPrice, Guid AccountId, Guid? TaxId, Money Base, Money Tax, Guid? PurchaseOrderLineId = null);

public sealed record InstalmentDueDto(int Instalment, DateOnly DueDate, Money Amount, Money Open);

public sealed record InvoiceDto(
    Guid Id, InvoiceKind Kind, string? Number, Guid PartyId, string? PartyName, DateOnly Date, CurrencyCode Currency, Guid? PaymentTermId, string? Reference,
    string Status, Money Untaxed, Money Tax, Money Total, Money Open, decimal Rate, Guid? JournalEntryId,
    IReadOnlyList<InvoiceLineDto> Lines, IReadOnlyList<InstalmentDueDto> Instalments, long Version);

public sealed record InvoiceSummaryDto(Guid Id, InvoiceKind Kind, string? Number, Guid PartyId, DateOnly Date, string Status, Money Total, long Version);

internal sealed class InvoicesHandler(
    AccountingDb db, DbSession session, InvoicePosting posting, IPartiesModule parties, IEnumerable<IBillMatcher> matchers, TimeProvider clock)
{
    public const int MaxLines = 500;

    internal static readonly SortMap<Invoice> Sorts = new SortMap<Invoice>("-date").Add("date", i => i.Date);

    public async Task<Result<Page<InvoiceSummaryDto>>> ListAsync(InvoiceKind? kind, Guid? partyId, PageRequest page, CancellationToken ct)
    {
        var query = db.Invoices.AsNoTracking();
        if (kind is { } k)
            query = query.Where(i => i.Kind == k);
        if (partyId is { } p)
            query = query.Where(i => i.PartyId == p);
        return await query.ToPageAsync(page, Sorts, i => new InvoiceSummaryDto(
            i.Id, i.Kind, i.Number, i.PartyId, i.Date, i.Status == EntryStatus.Posted ? "posted" : "draft", new Money(i.Total, i.Currency), i.Version), ct);
    }

    public async Task<Result<InvoiceDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, ct);
        return invoice is null ? Error.NotFound("Invoice") : await ToDtoAsync(invoice, ct);
    }

    public async Task<Result<InvoiceDto>> CreateAsync(InvoiceInput input, bool post, CancellationToken ct)
    {
        var prepared = await PrepareAsync(input, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        await using var unit = await session.BeginAsync(ct);
        var invoice = Invoice.Draft(input.Kind, prepared.Value.Header, prepared.Value.Lines, clock.GetUtcNow());
        db.Invoices.Add(invoice);
        if (post)
        {
            if (await posting.PostAsync(invoice, ct) is { } refused)
                return refused;
        }
        else
        {
            await db.SaveChangesAsync(ct);
            if (await MatchAsync(invoice, ct) is { } refused)
                return refused;
        }
        await unit.CommitAsync(ct);
        return await ToDtoAsync(invoice, ct);
    }

    /// <summary>Matches a draft bill that references purchase order lines, so a mismatch shows as a hold before anyone posts it.</summary>
    private async Task<Error?> MatchAsync(Invoice invoice, CancellationToken ct)
    {
        if (BillMatching.ToMatch(invoice) is not { } bill)
            return null;
        foreach (var matcher in matchers)
        {
            var matched = await matcher.MatchAsync(bill, posting: false, ct);
            if (!matched.IsSuccess)
                return matched.Error;
        }
        return null;
    }

    public async Task<Result<InvoiceDto>> UpdateAsync(Guid id, InvoiceInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
            return Error.NotFound("Invoice");
        if (invoice.Status == EntryStatus.Posted)
            return Error.Conflict("invoice_posted", $"{invoice.Number} is posted and cannot change; issue a credit note instead.");
        if (checkVersion(invoice.Version) is { } stale)
            return stale;
        if (input.Kind != invoice.Kind)
            return Error.Validation("kind", "The kind of a document cannot change.");
        var prepared = await PrepareAsync(input, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        await using var unit = await session.BeginAsync(ct);
        invoice.Change(prepared.Value.Header, prepared.Value.Lines);
        await db.SaveChangesAsync(ct);
        if (await MatchAsync(invoice, ct) is { } refused)
            return refused;
        await unit.CommitAsync(ct);
        return await ToDtoAsync(invoice, ct);
    }

    public async Task<Result<InvoiceDto>> PostAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
            return Error.NotFound("Invoice");
        if (await posting.PostAsync(invoice, ct) is { } refused)
            return refused;
        await unit.CommitAsync(ct);
        return await ToDtoAsync(invoice, ct);
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
            return Error.NotFound("Invoice");
        invoice.EnsureDraft();
        await using var unit = await session.BeginAsync(ct);
        db.Invoices.Remove(invoice);
        await db.SaveChangesAsync(ct);
        foreach (var matcher in matchers)
            await matcher.DiscardAsync(id, ct);
        await unit.CommitAsync(ct);
        return true;
    }

    private sealed record Prepared(InvoiceHeader Header, IReadOnlyList<InvoiceLineDraft> Lines);

    private async Task<Result<Prepared>> PrepareAsync(InvoiceInput input, CancellationToken ct)
    {
        var lines = input.Lines ?? [];
        var errors = new FieldErrors()
            .When(!Enum.IsDefined(input.Kind), "kind", "customerInvoice, customerCreditNote, vendorBill or vendorRefund.")
            .When(input.PartyId == Guid.Empty, "partyId", "Required.")
            .When(input.Date is null, "date", "Required.")
            .When(!CurrencyCode.IsValid(input.Currency), "currency", "A three-letter ISO 4217 code.")
            .Optional("reference", input.Reference, 100)
            .When(lines.Count == 0, "lines", "At least one line.")
            .When(lines.Count > MaxLines, "lines", $"At most {MaxLines} lines.");
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            var line = lines[i];
            if (line is null)
            {
                errors.Add($"lines[{i}]", "Required.");
                continue;
            }
            errors.Required($"lines[{i}].description", line.Description)
                .When(line.Quantity <= 0 || line.Quantity > 1_000_000_000m || decimal.Round(line.Quantity, 4) != line.Quantity, $"lines[{i}].quantity", "A positive quantity with at most 4 decimals.")
                .When(line.UnitPrice < 0 || line.UnitPrice > 1_000_000_000m || decimal.Round(line.UnitPrice, 4) != line.UnitPrice, $"lines[{i}].unitPrice", "A price from 0 with at most 4 decimals.")
                .When(line.AccountId == Guid.Empty, $"lines[{i}].accountId", "Required.")
                .When(line.PurchaseOrderLineId is { } po && (po == Guid.Empty || input.Kind != InvoiceKind.VendorBill), $"lines[{i}].purchaseOrderLineId",
                    "Only a vendor bill's line names a purchase order line.");
        }
        if (errors.Any)
            return errors.ToError();
        var currency = new CurrencyCode(input.Currency!);
        if (await parties.FindAsync(input.PartyId, ct) is null)
            return new Error("party_unknown", $"No party {input.PartyId} in this company.");
        if (input.PaymentTermId is { } termId && !await db.PaymentTerms.AnyAsync(t => t.Id == termId, ct))
            return new Error("payment_term_unknown", "No such payment term.");
        var accountIds = lines.Select(l => l.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).Select(a => new { a.Id, a.Role }).ToListAsync(ct);
        if (accounts.Count != accountIds.Count)
            return new Error("account_unknown", "A line's account does not exist in this company.");
        if (accounts.Any(a => a.Role is ControlRole.Receivable or ControlRole.Payable))
            return new Error("control_account_manual", "Invoice lines post to revenue or expense accounts; the receivable or payable side is posted for you.");
        var taxIds = lines.Where(l => l.TaxId is not null).Select(l => l.TaxId!.Value).Distinct().ToList();
        var taxes = await db.Taxes.AsNoTracking().Where(t => taxIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        if (taxes.Count != taxIds.Count)
            return new Error("tax_unknown", "A line's tax does not exist in this company.");
        var drafts = lines.Select(l =>
        {
            var amount = Math.Round(l.Quantity * l.UnitPrice, currency.MinorUnits, MidpointRounding.AwayFromZero);
            var (taxBase, tax) = l.TaxId is { } t ? taxes[t].Split(amount, currency) : (amount, 0m);
            return new InvoiceLineDraft(l.Description!.Trim(), l.Quantity, l.UnitPrice, l.AccountId, l.TaxId, taxBase, tax, l.PurchaseOrderLineId);
        }).ToList();
        return new Prepared(new InvoiceHeader(input.PartyId, input.Date!.Value, currency, input.PaymentTermId, input.Reference), drafts);
    }

    private async Task<InvoiceDto> ToDtoAsync(Invoice invoice, CancellationToken ct)
    {
        var c = invoice.Currency;
        var items = await db.OpenItems.AsNoTracking().Where(o => o.InvoiceId == invoice.Id).OrderBy(o => o.Instalment).ToListAsync(ct);
        var party = await parties.FindAsync(invoice.PartyId, ct);
        return new InvoiceDto(invoice.Id, invoice.Kind, invoice.Number, invoice.PartyId, party?.Name, invoice.Date, c, invoice.PaymentTermId, invoice.Reference,
            invoice.Status.ToString().ToLowerInvariant(), new Money(invoice.Untaxed, c), new Money(invoice.TaxTotal, c), new Money(invoice.Total, c),
            new Money(Math.Abs(items.Sum(o => o.OpenAmount)), c), invoice.Rate, invoice.JournalEntryId,
            invoice.Lines.OrderBy(l => l.LineNumber).Select(l => new InvoiceLineDto(l.LineNumber, l.Description, l.Quantity, l.UnitPrice, l.AccountId, l.TaxId, new Money(l.Base, c), new Money(l.TaxAmount, c), l.PurchaseOrderLineId)).ToList(),
            items.Select(o => new InstalmentDueDto(o.Instalment, o.DueDate, new Money(Math.Abs(o.Amount), c), new Money(Math.Abs(o.OpenAmount), c))).ToList(),
            invoice.Version);
    }
}

internal static class InvoiceEndpoints
{
    public static void Map(IEndpointRouteBuilder invoices)
    {
        invoices.MapGet("/", async (int? limit, string? after, string? sort, InvoiceKind? kind, Guid? partyId, InvoicesHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(kind, partyId, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Read).WithName("ListInvoices").WithSummary("Invoices, credit notes, bills and refunds, newest first");
        invoices.MapGet("/{id:guid}", async (Guid id, InvoicesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, i => i.Version))
            .RequireAuthorization(AccountingPermissions.Read).WithName("GetInvoice").WithSummary("One document with its lines and instalments");
        invoices.MapPost("/", async (InvoiceInput input, bool? post, InvoicesHandler handler, ICurrentUser user, CancellationToken ct) =>
            {
                if (post == true && !user.HasPermission(AccountingPermissions.Post))
                    return Problems.Of("forbidden", "Posting needs the accounting.post permission.", StatusCodes.Status403Forbidden);
                return (await handler.CreateAsync(input, post == true, ct)).ToHttp(i => Results.Created($"/api/v1/accounting/invoices/{i.Id}", i));
            })
            .RequireAuthorization(AccountingPermissions.Write).WithName("CreateInvoice").WithSummary("Save a draft document; with ?post=true post it at once");
        invoices.MapPut("/{id:guid}", async (Guid id, InvoiceInput input, InvoicesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, i => i.Version))
            .RequireAuthorization(AccountingPermissions.Write).WithName("UpdateInvoice").WithSummary("Change a draft; a posted document answers 409 invoice_posted");
        invoices.MapDelete("/{id:guid}", async (Guid id, InvoicesHandler handler, CancellationToken ct) =>
                (await handler.DeleteAsync(id, ct)).ToHttp(_ => Results.NoContent()))
            .RequireAuthorization(AccountingPermissions.Write).WithName("DeleteInvoice").WithSummary("Delete a draft");
        invoices.MapPost("/{id:guid}/post", async (Guid id, InvoicesHandler handler, CancellationToken ct) =>
                (await handler.PostAsync(id, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Post).WithName("PostInvoice").WithSummary("Number the document, post its entry and open its instalments");
    }
}
