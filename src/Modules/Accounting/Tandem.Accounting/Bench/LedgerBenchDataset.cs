using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Features.Accounts;
using Tandem.Accounting.Features.Periods;
using Tandem.Accounting.Ledger;
using Tandem.Platform.Numbering;
using Tandem.Platform.Seeding;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Bench;

/// <summary>
/// A year of ledger for the benchmarks, generated in PostgreSQL: posted customer invoices (three lines each: receivable,
/// sales, VAT) with their open items, the oldest of them paid in full by their customer (a receipt allocated to the
/// invoice, its two-line entry, the open item settled), the rest left open, then four-line expense entries up to the
/// asked number of lines. Every entry balances, numbers continue the year's sequences without gaps, and the balance rows
/// are added from the very lines inserted, in the same statement, so <c>check ledger</c> holds on the result.
/// </summary>
internal sealed class LedgerBenchDataset(AccountingDb db, PeriodsHandler periods, CompanyCurrency currency, LoadDefaultChartHandler chart) : IBenchDataset
{
    private const int Batch = 250_000;

    public string Name => "ledger";
    public int Order => 40;

    public async Task LoadAsync(BenchDataContext context, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(context.Clock.GetUtcNow().UtcDateTime);
        var year = today.Year;
        await chart.HandleAsync(ct);
        if (!await db.Periods.AnyAsync(p => p.FiscalYear == year, ct) && await periods.OpenYearAsync(new FiscalYearInput(year), ct) is { IsSuccess: false } opened)
            throw new InvalidOperationException($"Fiscal year {year} could not be opened: {opened.Error!.Message}");
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Code, a => (a.Id, a.Role), StringComparer.Ordinal, ct);
        var vat = await db.Taxes.AsNoTracking().Where(t => t.Rate == 20m).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        var partyAccounts = accounts.Values.Where(a => a.Role is ControlRole.Receivable or ControlRole.Payable).Select(a => a.Id).ToArray();
        var start = new DateOnly(year, 1, 1);
        var days = today.DayNumber - start.DayNumber + 1;
        var companyCurrency = (await currency.GetAsync(ct)).Value;

        var invoices = context.Size.Invoices;
        var paid = context.Size.Payments;
        var entries = (context.Size.JournalLines - 3L * invoices - 2L * paid) / 4;
        // With no invoices and no entries the dataset only loads the chart and opens the year, for the stock postings.
        // The journal entries are numbered invoices first, then expenses, then receipts.
        var firstInvoice = invoices > 0 ? await context.ReserveNumbersAsync(Invoice.NumberFormatOf(InvoiceKind.CustomerInvoice).Sequence, year, invoices, ct) : 0;
        var firstEntry = invoices + entries + paid > 0 ? await context.ReserveNumbersAsync(LedgerPosting.NumberFormat.Sequence, year, invoices + entries + paid, ct) : 0;
        var firstPayment = paid > 0 ? await context.ReserveNumbersAsync(Payment.InNumberFormat.Sequence, year, paid, ct) : 0;

        (string, object)[] Common(long from, long to) =>
        [
            ("c", context.CompanyId), ("year", year), ("start", start), ("days", days), ("cur", companyCurrency), ("from", from), ("to", to),
            ("party_accounts", partyAccounts),
        ];

        for (long from = 1; from <= invoices; from += Batch)
        {
            var to = Math.Min(invoices, from + Batch - 1);
            await context.ExecuteAllAsync(InvoicesSql, ct, [.. Common(from, to),
                ("n", (long)invoices), ("first_inv", firstInvoice), ("first_je", firstEntry), ("paid", (long)paid), ("today", today),
                ("first_pay", firstPayment), ("first_pay_je", firstEntry + invoices + entries), ("bank", accounts["1000"].Id), ("customers", context.Customers.ToArray()), ("customer_count", context.Customers.Count),
                ("ar", accounts["1100"].Id), ("sales", accounts["4000"].Id), ("vat", accounts["2100"].Id), ("tax", (object?)vat ?? DBNull.Value)]);
            context.Log($"invoices {to:N0} / {invoices:N0}");
        }
        for (long from = 1; from <= entries; from += Batch)
        {
            var to = Math.Min(entries, from + Batch - 1);
            await context.ExecuteAllAsync(EntriesSql, ct, [.. Common(from, to),
                ("n", entries), ("first_je", firstEntry + invoices),
                ("expenses", new[] { accounts["6000"].Id, accounts["6100"].Id, accounts["6200"].Id, accounts["6300"].Id, accounts["6800"].Id }),
                ("bank", accounts["1000"].Id), ("cash", accounts["1010"].Id)]);
            context.Log($"entries {to:N0} / {entries:N0}");
        }
        foreach (var table in new[] { "journal_entry", "journal_line", "account_balance", "invoice", "invoice_line", "open_item", "open_item_change", "payment", "payment_allocation" })
            await context.ExecuteAsync($"ANALYZE accounting.{table}", ct);
        context.Log($"{invoices:N0} invoices ({paid:N0} paid, {invoices - paid:N0} open) and {entries:N0} expense entries: {3L * invoices + 2L * paid + 4 * entries:N0} journal lines");
    }

    // Shared by both statements: adds the inserted lines to the balance rows, keyed as BalanceWriter keys them.
    private const string AddBalances = """
        INSERT INTO accounting.account_balance AS b (company_id, account_id, period, currency, party_id, debit, credit, amount)
        SELECT company_id, account_id, period, currency,
               CASE WHEN account_id = ANY(@party_accounts) THEN coalesce(party_id, '00000000-0000-0000-0000-000000000000') ELSE '00000000-0000-0000-0000-000000000000' END,
               sum(debit), sum(credit), sum(amount)
        FROM lines GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (company_id, account_id, period, currency, party_id) DO UPDATE SET
          debit = b.debit + excluded.debit, credit = b.credit + excluded.credit, amount = b.amount + excluded.amount
        """;

    /// <summary>The SQL that composes a number as the yearly <paramref name="format"/> does for <c>@year</c>: <c>INV2026-00042</c> from 42.</summary>
    private static string Compose(DocumentNumberFormat format, string value) =>
        $"'{format.Prefix}' || @year || '-' || to_char({value}, 'FM{new string('9', 12 - format.Digits)}{new string('0', format.Digits)}')";

    // Invoice i of n: dated through the year in number order, a customer picked by a stride, 100–9,100 untaxed, VAT 20 %.
    private static readonly string[] InvoicesSql =
    [
        """
        CREATE TEMP TABLE bench_invoice (i bigint, id uuid, entry_id uuid, party_id uuid, date date, number text, entry_number text,
          untaxed numeric(28,4), tax numeric(28,4)) ON COMMIT DROP
        """,
        // Looking customers up in a keyed table: subscripting a large array parameter per row re-reads the whole array.
        """
        CREATE TEMP TABLE bench_customer ON COMMIT DROP AS
        SELECT n::int AS n, id FROM unnest(@customers::uuid[]) WITH ORDINALITY AS c(id, n)
        """,
        "ALTER TABLE bench_customer ADD PRIMARY KEY (n)",
        $"""
        INSERT INTO bench_invoice
        SELECT g,
               md5(@c::text || 'invoice' || (@first_inv + g))::uuid,
               md5(@c::text || 'entry' || (@first_je + g))::uuid,
               (SELECT id FROM bench_customer WHERE n = 1 + (g * 7919) % @customer_count),
               @start::date + ((g - 1) * @days / @n)::int,
               {Compose(Invoice.NumberFormatOf(InvoiceKind.CustomerInvoice), "@first_inv + g - 1")},
               {Compose(LedgerPosting.NumberFormat, "@first_je + g - 1")},
               100 + (g * 37) % 9000 + (g % 100) / 100.0,
               round((100 + (g * 37) % 9000 + (g % 100) / 100.0) * 0.2, 2)
        FROM generate_series(@from::bigint, @to::bigint) AS g
        """,
        """
        INSERT INTO accounting.journal_entry (id, number, date, description, reference, status, company_currency, is_closing, created_at, posted_at, company_id, version)
        SELECT entry_id, entry_number, date, 'Customer invoice ' || number, number, 'Posted', @cur, false, date::timestamptz, date::timestamptz, @c, 0 FROM bench_invoice
        """,
        """
        INSERT INTO accounting.invoice (id, kind, number, party_id, date, currency, status, untaxed, tax_total, total, rate, journal_entry_id, created_at, company_id, version)
        SELECT id, 'CustomerInvoice', number, party_id, date, @cur, 'Posted', untaxed, tax, untaxed + tax, 1, entry_id, date::timestamptz, @c, 0 FROM bench_invoice
        """,
        """
        INSERT INTO accounting.invoice_line (id, invoice_id, line_number, description, quantity, unit_price, base, account_id, tax_id, tax_amount, company_id, version)
        SELECT md5(id::text || 'line')::uuid, id, 1, 'Bicycles and parts', 1, untaxed, untaxed, @sales, @tax::uuid, tax, @c, 0 FROM bench_invoice
        """,
        """
        INSERT INTO accounting.open_item (id, party_id, account_id, is_receivable, invoice_id, document_number, instalment, date, due_date, currency,
          amount, company_amount, open_amount, open_company_amount, company_id, version)
        SELECT md5(id::text || 'open')::uuid, party_id, @ar, true, id, number, 1, date, date + 30, @cur, untaxed + tax, untaxed + tax,
          -- A paid invoice's item as its payment leaves it: nothing open, saved once more.
          CASE WHEN i <= @paid THEN 0 ELSE untaxed + tax END, CASE WHEN i <= @paid THEN 0 ELSE untaxed + tax END, @c, CASE WHEN i <= @paid THEN 1 ELSE 0 END
        FROM bench_invoice
        """,
        $"""
        WITH lines AS (
          INSERT INTO accounting.journal_line (id, entry_id, line_number, date, period, account_id, debit, credit, currency, amount, party_id, description, is_posted, company_id, version)
          SELECT md5(entry_id::text || l.n)::uuid, entry_id, l.n, date, extract(year FROM date)::int * 100 + extract(month FROM date)::int,
                 l.account, l.debit, l.credit, @cur, l.debit - l.credit, party_id, number, true, @c, 0
          FROM bench_invoice,
               LATERAL (VALUES (1, @ar::uuid, untaxed + tax, 0::numeric), (2, @sales::uuid, 0::numeric, untaxed), (3, @vat::uuid, 0::numeric, tax)) AS l(n, account, debit, credit)
          RETURNING company_id, account_id, period, currency, party_id, debit, credit, amount)
        {AddBalances}
        """,
        // Invoice i ≤ paid is paid in full 7–51 days after its date (never after today) into the bank account, as
        // POST /payments with one allocation writes it: the receipt, its allocation, the settlement of the open item,
        // and its entry (receivable credit with the party, then bank debit).
        $"""
        CREATE TEMP TABLE bench_payment ON COMMIT DROP AS
        SELECT i, id AS invoice_id, md5(id::text || 'open')::uuid AS open_item_id, party_id, number AS invoice_number, untaxed + tax AS total,
               md5(@c::text || 'payment' || (@first_pay + i))::uuid AS id,
               md5(@c::text || 'entry' || (@first_pay_je + i))::uuid AS entry_id,
               least(date + (7 + (i * 11) % 45)::int, @today::date) AS date,
               {Compose(Payment.InNumberFormat, "@first_pay + i - 1")} AS number,
               {Compose(LedgerPosting.NumberFormat, "@first_pay_je + i - 1")} AS entry_number
        FROM bench_invoice WHERE i <= @paid
        """,
        """
        INSERT INTO accounting.journal_entry (id, number, date, description, reference, status, company_currency, is_closing, created_at, posted_at, company_id, version)
        SELECT entry_id, entry_number, date, 'Receipt ' || number, number, 'Posted', @cur, false, date::timestamptz, date::timestamptz, @c, 0 FROM bench_payment
        """,
        $"""
        INSERT INTO accounting.payment (id, number, direction, party_id, date, currency, amount, rate, bank_account_id, reference,
          write_off, on_account, exchange_difference, journal_entry_id, created_at, company_id, version)
        SELECT id, number, '{nameof(PaymentDirection.In)}', party_id, date, @cur, total, 1, @bank, NULL, 0, 0, 0, entry_id, date::timestamptz, @c, 0 FROM bench_payment
        """,
        """
        INSERT INTO accounting.payment_allocation (id, payment_id, open_item_id, invoice_id, document_number, amount, company_amount, company_id, version)
        SELECT md5(id::text || 'allocation')::uuid, id, open_item_id, invoice_id, invoice_number, total, total, @c, 0 FROM bench_payment
        """,
        $"""
        INSERT INTO accounting.open_item_change (id, open_item_id, date, kind, amount, company_amount, company_id, version)
        SELECT md5(id::text || 'settled')::uuid, open_item_id, date, '{nameof(OpenItemChangeKind.Payment)}', total, total, @c, 0 FROM bench_payment
        """,
        $"""
        WITH lines AS (
          INSERT INTO accounting.journal_line (id, entry_id, line_number, date, period, account_id, debit, credit, currency, amount, party_id, description, is_posted, company_id, version)
          SELECT md5(entry_id::text || l.n)::uuid, entry_id, l.n, date, extract(year FROM date)::int * 100 + extract(month FROM date)::int,
                 l.account, l.debit, l.credit, @cur, l.debit - l.credit, l.party, l.text, true, @c, 0
          FROM bench_payment,
               LATERAL (VALUES (1, @ar::uuid, 0::numeric, total, party_id, invoice_number), (2, @bank::uuid, total, 0::numeric, NULL::uuid, number)) AS l(n, account, debit, credit, party, text)
          RETURNING company_id, account_id, period, currency, party_id, debit, credit, amount)
        {AddBalances}
        """,
    ];

    // Expense entry j of n: two expense lines (one with a department dimension) paid from bank and cash.
    private static readonly string[] EntriesSql =
    [
        """
        CREATE TEMP TABLE bench_entry (j bigint, id uuid, date date, number text, first_account uuid, second_account uuid, x numeric(28,4), y numeric(28,4)) ON COMMIT DROP
        """,
        $"""
        INSERT INTO bench_entry
        SELECT g,
               md5(@c::text || 'entry' || (@first_je + g))::uuid,
               @start::date + ((g - 1) * @days / @n)::int,
               {Compose(LedgerPosting.NumberFormat, "@first_je + g - 1")},
               (@expenses::uuid[])[1 + (g % cardinality(@expenses::uuid[]))::int],
               (@expenses::uuid[])[1 + ((g / 7) % cardinality(@expenses::uuid[]))::int],
               10 + (g * 13) % 2000 + (g % 100) / 100.0,
               5 + (g * 29) % 500
        FROM generate_series(@from::bigint, @to::bigint) AS g
        """,
        """
        INSERT INTO accounting.journal_entry (id, number, date, description, status, company_currency, is_closing, created_at, posted_at, company_id, version)
        SELECT id, number, date, 'Operating expenses', 'Posted', @cur, false, date::timestamptz, date::timestamptz, @c, 0 FROM bench_entry
        """,
        $"""
        WITH lines AS (
          INSERT INTO accounting.journal_line (id, entry_id, line_number, date, period, account_id, debit, credit, currency, amount, dimension, is_posted, company_id, version)
          SELECT md5(id::text || l.n)::uuid, id, l.n, date, extract(year FROM date)::int * 100 + extract(month FROM date)::int,
                 l.account, l.debit, l.credit, @cur, l.debit - l.credit, l.dimension, true, @c, 0
          FROM bench_entry,
               LATERAL (VALUES (1, first_account, x, 0::numeric, 'dept-' || (j % 12)), (2, second_account, y, 0::numeric, NULL),
                               (3, @bank::uuid, 0::numeric, x, NULL), (4, @cash::uuid, 0::numeric, y, NULL)) AS l(n, account, debit, credit, dimension)
          RETURNING company_id, account_id, period, currency, party_id, debit, credit, amount)
        {AddBalances}
        """,
    ];
}
