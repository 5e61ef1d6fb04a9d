using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.Parties.Contracts;
using Tandem.Platform.Api;
using Tandem.Platform;
using Tandem.Platform.Numbering;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Payments;

/// <summary>Part of a payment applied to one invoice, in the payment currency.</summary>
public sealed record AllocationInput(Guid InvoiceId, Money Amount);

/// <summary>
/// A payment to register. Without allocations it settles the party's oldest open items. A difference left on an
/// invoice is written off when <c>WriteOffDifference</c> is set and within the company's tolerance; an amount
/// beyond the allocations is refused (<c>overpayment</c>) unless <c>Excess</c> is <c>on-account</c>.
/// </summary>
public sealed record PaymentInput(
    PaymentDirection Direction, Guid PartyId, DateOnly? Date, Money? Amount, Guid? BankAccountId = null, string? Reference = null,
    IReadOnlyList<AllocationInput>? Allocations = null, bool WriteOffDifference = false, string? Excess = null);

public sealed record AllocationDto(Guid? InvoiceId, string DocumentNumber, Money Amount, Money CompanyAmount);

public sealed record PaymentDto(
    Guid Id, string Number, PaymentDirection Direction, Guid PartyId, DateOnly Date, Money Amount, decimal Rate, Guid BankAccountId, string? Reference,
    Money WriteOff, Money OnAccount, Money ExchangeDifference, Guid JournalEntryId, IReadOnlyList<AllocationDto> Allocations);

internal sealed class PaymentsHandler(
    AccountingDb db, DbSession session, LedgerPosting posting, CompanyCurrency currency, DocumentNumbers numbers, IPartiesModule parties, IOutbox outbox,
    ICompanyContext tenant, TimeProvider clock)
{
    public async Task<Result<PaymentDto>> RegisterAsync(PaymentInput input, CancellationToken ct)
    {
        var allocations = input.Allocations ?? [];
        var errors = new FieldErrors()
            .When(!Enum.IsDefined(input.Direction), "direction", "in or out.")
            .When(input.PartyId == Guid.Empty, "partyId", "Required.")
            .When(input.Date is null, "date", "Required.")
            .When(input.Amount is not { Amount: > 0 }, "amount", "A positive amount.")
            .When(input.Amount is { } a && decimal.Round(a.Amount, a.Currency.MinorUnits) != a.Amount, "amount", "No more decimals than the currency has.")
            .When(allocations.Count > 200, "allocations", "At most 200.")
            .When(allocations.Any(x => x is null || x.InvoiceId == Guid.Empty || x.Amount.Amount <= 0), "allocations", "Each names an invoice and a positive amount.")
            .When(input.Amount is { } m && allocations.Any(x => x is not null && x.Amount.Currency != m.Currency), "allocations", "In the payment currency.")
            .When(allocations.Count != allocations.Where(x => x is not null).Select(x => x.InvoiceId).Distinct().Count(), "allocations", "Each invoice once.")
            .When(input.Excess is not (null or "" or "refuse" or "on-account"), "excess", "refuse or on-account.")
            .Optional("reference", input.Reference, 100);
        if (errors.Any)
            return errors.ToError();
        var amount = input.Amount!.Value;
        if (allocations.Sum(x => x.Amount.Amount) > amount.Amount)
            return Error.Validation("allocations", "The allocations add up to more than the payment.");
        if (await parties.FindAsync(input.PartyId, ct) is null)
            return new Error("party_unknown", $"No party {input.PartyId} in this company.");
        var bankId = input.BankAccountId ?? await db.Accounts.Where(a => a.Code == "1000").Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
        var bank = bankId is null ? null : await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == bankId, ct);
        if (bank is null || bank.Type != AccountType.Asset || bank.Role != ControlRole.None)
            return Error.Validation("bankAccountId", "An asset account that is not a control account.");

        var date = input.Date!.Value;
        var company = await currency.GetAsync(ct);
        var rate = await currency.RateAsync(amount.Currency, date, ct);
        if (!rate.IsSuccess)
            return rate.Error!;
        await using var unit = await session.BeginAsync(ct);
        var period = await posting.OpenPeriodAsync(date, ct);
        if (!period.IsSuccess)
            return period.Error!;
        var incoming = input.Direction == PaymentDirection.In;
        var sign = incoming ? 1 : -1;
        var number = incoming
            ? await numbers.NextAsync(Payment.InNumberFormat, period.Value.FiscalYear, ct)
            : await numbers.NextAsync(Payment.OutNumberFormat, period.Value.FiscalYear, ct);
        var payment = Payment.Record(number, input.Direction, input.PartyId, date, amount, rate.Value, bank.Id, input.Reference, clock.GetUtcNow());
        var lines = new List<LineDraft>();
        void Line(Guid account, decimal companyAmount, CurrencyCode lineCurrency, decimal txn, Guid? party, string? text) =>
            lines.Add(new LineDraft(account, Math.Max(companyAmount, 0m), Math.Max(-companyAmount, 0m), lineCurrency, txn, party, null, text));

        // Which items each allocation settles, oldest due first; without allocations, the party's oldest open items.
        var plan = new List<(Guid? InvoiceId, decimal Amount)>();
        if (allocations.Count > 0)
            plan.AddRange(allocations.Select(x => ((Guid?)x.InvoiceId, x.Amount.Amount)));
        var settled = new List<OpenItem>();
        var allocated = 0m;
        if (plan.Count > 0)
        {
            foreach (var (invoiceId, toApply) in plan)
            {
                var items = await db.OpenItems.Where(o => o.InvoiceId == invoiceId && o.OpenAmount != 0)
                    .OrderBy(o => o.DueDate).ThenBy(o => o.Instalment).ToListAsync(ct);
                if (items.Count == 0)
                    return await db.Invoices.AnyAsync(i => i.Id == invoiceId, ct)
                        ? new Error("overpayment", "The invoice has nothing left open.")
                        : new Error("invoice_unknown", $"No posted invoice {invoiceId} in this company.");
                if (items.Any(o => o.PartyId != input.PartyId))
                    return new Error("allocation_other_party", "The invoice belongs to another party.");
                if (items.Any(o => Math.Sign(o.OpenAmount) != sign))
                    return new Error("allocation_wrong_side", incoming ? "Money received settles invoices and refunds, not bills or credit notes." : "Money paid settles bills and credit notes, not invoices.");
                if (items.Any(o => o.Currency != amount.Currency))
                    return new Error("currency_mismatch", $"The invoice is in {items[0].Currency}; pay it in that currency.");
                var remaining = toApply;
                foreach (var item in items)
                {
                    if (remaining == 0)
                        break;
                    var take = Math.Min(remaining, Math.Abs(item.OpenAmount));
                    var value = item.Settle(sign * take, company, date, OpenItemChangeKind.Payment);
                    Line(item.AccountId, -value, item.Currency, -sign * take, item.PartyId, item.DocumentNumber);
                    payment.Allocate(item, take, Math.Abs(value));
                    remaining -= take;
                }
                if (remaining > 0)
                    return new Error("overpayment", $"{items[0].DocumentNumber} has only {toApply - remaining:0.00##} {amount.Currency} open; {remaining:0.00##} would be overpaid.");
                allocated += toApply;
                settled.AddRange(items);
            }
        }
        else
        {
            var items = await db.OpenItems.Where(o => o.PartyId == input.PartyId && o.OpenAmount != 0 && o.Currency == amount.Currency && o.InvoiceId != null)
                .OrderBy(o => o.DueDate).ThenBy(o => o.DocumentNumber).ThenBy(o => o.Instalment).Take(1000).ToListAsync(ct);
            var remaining = amount.Amount;
            foreach (var item in items.Where(o => Math.Sign(o.OpenAmount) == sign))
            {
                if (remaining == 0)
                    break;
                var take = Math.Min(remaining, Math.Abs(item.OpenAmount));
                var value = item.Settle(sign * take, company, date, OpenItemChangeKind.Payment);
                Line(item.AccountId, -value, item.Currency, -sign * take, item.PartyId, item.DocumentNumber);
                payment.Allocate(item, take, Math.Abs(value));
                remaining -= take;
                allocated += take;
                settled.Add(item);
            }
        }

        var writtenOff = 0m;
        if (input.WriteOffDifference)
        {
            var leftovers = settled.Where(o => o.OpenAmount != 0).ToList();
            var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? LedgerSettings.Defaults();
            var leftoverValue = leftovers.Sum(o => Math.Abs(o.OpenCompanyAmount));
            if (leftoverValue > settings.WriteOffTolerance)
            {
                return new Error("write_off_exceeds_tolerance", $"{leftoverValue:0.00##} {company} is left open, more than the write-off tolerance of {settings.WriteOffTolerance:0.00##}.");
            }
            if (leftovers.Count > 0)
            {
                var writeOffAccount = settings.WriteOffAccountId ?? await db.Accounts.Where(a => a.Code == "6800").Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
                if (writeOffAccount is null)
                    return new Error("write_off_account_missing", "Set the write-off account in the ledger settings.");
                foreach (var item in leftovers)
                {
                    var open = item.OpenAmount;
                    var value = item.Settle(open, company, date, OpenItemChangeKind.WriteOff);
                    Line(item.AccountId, -value, item.Currency, -open, item.PartyId, $"Write-off {item.DocumentNumber}");
                    Line(writeOffAccount.Value, value, company, value, null, $"Write-off {item.DocumentNumber}");
                    writtenOff += value;
                }
            }
        }

        var excess = amount.Amount - allocated;
        var onAccountValue = 0m;
        if (excess > 0)
        {
            if (input.Excess != "on-account")
                return new Error("overpayment", $"{excess:0.00##} {amount.Currency} of the payment is not allocated; allocate it or keep it on account (excess: on-account).");
            var role = incoming ? ControlRole.Receivable : ControlRole.Payable;
            var control = await db.Accounts.Where(a => a.Role == role && a.IsActive).OrderBy(a => a.Code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            if (control is null)
                return new Error("control_account_missing", $"No active {role.ToString().ToLowerInvariant()} account in the chart.");
            onAccountValue = ExchangeRate.Convert(excess, rate.Value, company);
            db.OpenItems.Add(OpenItem.Open(input.PartyId, control.Value, incoming, null, payment.Id, number, 1, date, date, amount.Currency, -sign * excess, -sign * onAccountValue));
            Line(control.Value, -sign * onAccountValue, amount.Currency, -sign * excess, input.PartyId, $"On account {number}");
        }

        Line(bank.Id, sign * ExchangeRate.Convert(amount.Amount, rate.Value, company), amount.Currency, sign * amount.Amount, null, number);
        var difference = -lines.Sum(l => l.Debit - l.Credit);
        if (difference != 0)
        {
            var exchange = await db.Accounts.Where(a => a.Role == ControlRole.ExchangeDifference && a.IsActive).OrderBy(a => a.Code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            if (exchange is null)
                return new Error("control_account_missing", "No active exchange difference account in the chart.");
            Line(exchange.Value, difference, company, difference, null, "Realised exchange difference");
        }

        var entry = JournalEntry.Draft(new EntryHeader(date, $"{(incoming ? "Receipt" : "Payment")} {number}", number), company, lines, clock.GetUtcNow());
        db.Entries.Add(entry);
        payment.Complete(entry.Id, writtenOff, onAccountValue, -difference);
        db.Payments.Add(payment);
        if (await posting.PostAsync(entry, ct) is { } refused)
            return refused;
        if (incoming)
            outbox.Publish(new PaymentReceived(tenant.CompanyId, payment.Id, number, input.PartyId, date, amount));
        await unit.CommitAsync(ct);
        return ToDto(payment, company);
    }

    public async Task<Result<PaymentDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.Allocations).SingleOrDefaultAsync(p => p.Id == id, ct);
        return payment is null ? Error.NotFound("Payment") : ToDto(payment, await currency.GetAsync(ct));
    }

    public async Task<Result<Page<PaymentDto>>> ListAsync(Guid? partyId, PageRequest page, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var query = db.Payments.AsNoTracking();
        if (partyId is { } p)
            query = query.Where(x => x.PartyId == p);
        var sorts = new SortMap<Payment>("-date").Add("date", x => x.Date);
        return await query.ToPageAsync(page, sorts, x => new PaymentDto(x.Id, x.Number, x.Direction, x.PartyId, x.Date, new Money(x.Amount, x.Currency), x.Rate,
            x.BankAccountId, x.Reference, new Money(x.WriteOff, company), new Money(x.OnAccount, company), new Money(x.ExchangeDifference, company), x.JournalEntryId,
            new List<AllocationDto>()), ct);
    }

    private static PaymentDto ToDto(Payment p, CurrencyCode company) => new(
        p.Id, p.Number, p.Direction, p.PartyId, p.Date, new Money(p.Amount, p.Currency), p.Rate, p.BankAccountId, p.Reference,
        new Money(p.WriteOff, company), new Money(p.OnAccount, company), new Money(p.ExchangeDifference, company), p.JournalEntryId,
        p.Allocations.Select(a => new AllocationDto(a.InvoiceId, a.DocumentNumber, new Money(a.Amount, p.Currency), new Money(a.CompanyAmount, company))).ToList());
}

internal static class PaymentEndpoints
{
    public static void Map(IEndpointRouteBuilder payments)
    {
        payments.MapGet("/", async (int? limit, string? after, string? sort, Guid? partyId, PaymentsHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(partyId, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Read).WithName("ListPayments").WithSummary("Payments in and out, newest first");
        payments.MapGet("/{id:guid}", async (Guid id, PaymentsHandler handler, CancellationToken ct) => (await handler.GetAsync(id, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Read).WithName("GetPayment").WithSummary("One payment with its allocations");
        payments.MapPost("/", async (PaymentInput input, PaymentsHandler handler, CancellationToken ct) =>
                (await handler.RegisterAsync(input, ct)).ToHttp(p => Results.Created($"/api/v1/accounting/payments/{p.Id}", p)))
            .RequireAuthorization(AccountingPermissions.Write).WithName("RegisterPayment")
            .WithSummary("Register a payment, allocate it and post it (overpayment without excess=on-account is refused)");
    }
}
