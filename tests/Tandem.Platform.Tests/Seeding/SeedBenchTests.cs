using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tandem.Host.Cli;
using Tandem.Platform.Security;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Seeding;

/// <summary>
/// <c>seed bench</c> on the command line: a small dataset from every module's loader on PostgreSQL, after which every
/// consistency check passes; refused on SQLite and for impossible sizes, writing nothing.
/// </summary>
// Both seed whole databases through the command line; run one after the other rather than beside each other.
[Collection("Command line seeding")]
public sealed class SeedBenchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_small_bench_dataset_passes_every_consistency_check_and_continues_the_number_sequences()
    {
        if (!PostgresCluster.Shared.IsAvailable)
        {
            Assert.False(PostgresCluster.Required, PostgresCluster.Shared.UnavailableReason);
            Assert.Skip("*** PostgreSQL is not available here: " + PostgresCluster.Shared.UnavailableReason);
        }
        var connection = await PostgresCluster.Shared.CreateDatabaseAsync("seedbench");
        string[] database = ["--Tandem:Database:Provider=Postgres", $"--ConnectionStrings:Tandem={connection}", "--Logging:LogLevel:Default=Warning"];

        await HostCommands.ExpectAsync(0, ["seed", "demo", .. database]);
        await HostCommands.ExpectAsync(0,
            ["seed", "bench", "--customers", "40", "--opportunities", "30", "--activities", "120", "--invoices", "50", "--journal-lines", "250", "--reps", "3",
                "--products", "12", "--stock-moves", "100", "--orders", "300", .. database]);
        await HostCommands.ExpectAsync(0, ["check", "all", .. database]);

        await using var pg = new NpgsqlConnection(connection);
        await pg.OpenAsync(Ct);
        // The bench parties are the ones registered years ago (the demo's are registered today): 40 customers with two
        // people each. 50 invoices of 3 lines, then (250 − 150) / 4 = 25 expense entries of 4 lines. 120 / 2 notes.
        const string benchParties = "SELECT id FROM parties.party WHERE created_at < now() - interval '1 year'";
        Assert.Equal(120L, await CountAsync(pg, $"SELECT count(*) FROM ({benchParties}) p"));
        Assert.Equal(50L, await CountAsync(pg, $"SELECT count(*) FROM accounting.invoice WHERE party_id IN ({benchParties})"));
        Assert.Equal(25L, await CountAsync(pg, "SELECT count(*) FROM accounting.journal_entry WHERE description = 'Operating expenses'"));
        Assert.Equal(30L, await CountAsync(pg, $"SELECT count(*) FROM crm.opportunity o JOIN crm.account a ON a.id = o.account_id WHERE a.party_id IN ({benchParties})"));
        Assert.Equal(60L, await CountAsync(pg, "SELECT count(*) FROM crm.note WHERE author_name LIKE 'Bench Rep%'"));
        // 100 done moves over 12 products, alternating receipts and deliveries; the stock value reached the ledger
        // (check all above compared it with the valuation), and the move numbers continue the sequence.
        Assert.Equal(12L, await CountAsync(pg, "SELECT count(*) FROM catalog.product WHERE sku LIKE 'BENCH-%'"));
        Assert.Equal(100L, await CountAsync(pg, "SELECT count(*) FROM inventory.stock_move WHERE source_type = 'bench' AND status = 'Done'"));
        // Each carries the number of its day's posted entry for its kind (check all above found that entry posted).
        Assert.Equal(0L, await CountAsync(pg, "SELECT count(*) FROM inventory.stock_move WHERE source_type = 'bench' AND entry_number IS NULL"));
        Assert.Equal(await CountAsync(pg, "SELECT count(DISTINCT (done_date, kind)) FROM inventory.stock_move WHERE source_type = 'bench'"),
            await CountAsync(pg, "SELECT count(DISTINCT entry_number) FROM inventory.stock_move WHERE source_type = 'bench'"));
        Assert.Equal(await CountAsync(pg, "SELECT count(*) FROM inventory.stock_move") + 1,
            await CountAsync(pg, "SELECT next_value FROM platform.number_sequences WHERE sequence = 'stock-move'"));
        Assert.Equal(0L, await CountAsync(pg, "SELECT count(*) FROM (SELECT number FROM inventory.stock_move GROUP BY company_id, number HAVING count(*) > 1) d"));
        // Every number is unique, and the next invoice continues the year's sequence after the bench ones.
        Assert.Equal(0L, await CountAsync(pg, "SELECT count(*) FROM (SELECT number FROM accounting.journal_entry GROUP BY company_id, number HAVING count(*) > 1) d"));
        Assert.Equal(await CountAsync(pg, "SELECT count(*) FROM accounting.invoice WHERE kind = 'CustomerInvoice' AND number LIKE 'INV' || extract(year FROM now())::int || '-%'") + 1,
            await CountAsync(pg, "SELECT next_value FROM platform.number_sequences WHERE sequence = 'customer-invoice' AND fiscal_year = extract(year FROM now())::int"));
        // 300 orders, each from an accepted quote, and 300 / 25 = 12 open quotes; numbers continue both sequences.
        const string thisYear = "fiscal_year = extract(year FROM now())::int";
        Assert.Equal(300L, await CountAsync(pg, "SELECT count(*) FROM sales.sales_order"));
        Assert.Equal(300L, await CountAsync(pg, "SELECT count(*) FROM sales.quote q JOIN sales.sales_order o ON o.quote_id = q.id AND q.order_id = o.id WHERE q.status = 'Accepted'"));
        // (The demo company's own quotes, seeded first, are left out of the counts and continue the same sequences.)
        Assert.Equal(12L, await CountAsync(pg, $"SELECT count(*) FROM sales.quote WHERE status = 'Open' AND valid_until >= current_date AND party_id IN ({benchParties})"));
        Assert.Equal(await CountAsync(pg, "SELECT count(DISTINCT number) FROM sales.sales_order") + 1,
            await CountAsync(pg, $"SELECT next_value FROM platform.number_sequences WHERE sequence = 'sales-order' AND {thisYear}"));
        Assert.Equal(await CountAsync(pg, "SELECT count(DISTINCT number) FROM sales.quote") + 1,
            await CountAsync(pg, $"SELECT next_value FROM platform.number_sequences WHERE sequence = 'sales-quote' AND {thisYear}"));
        Assert.Equal(312L, await CountAsync(pg, $"SELECT count(*) FROM sales.quote WHERE party_id IN ({benchParties})"));
        Assert.Equal(0L, await CountAsync(pg, "SELECT count(*) FROM (SELECT number FROM sales.sales_order GROUP BY company_id, number HAVING count(*) > 1) d"));
        // Every order's customer is a bench customer; its totals are the sums of its lines; its lines are within what
        // was ordered, delivered and invoiced as its status says; it was confirmed on its date.
        Assert.Equal(0L, await CountAsync(pg, $"SELECT count(*) FROM sales.sales_order WHERE party_id NOT IN ({benchParties})"));
        Assert.Equal(0L, await CountAsync(pg, """
            SELECT count(*) FROM sales.sales_order o
            JOIN (SELECT order_id, sum(net) AS net, sum(tax_amount) AS tax, sum(gross) AS gross, count(*) AS lines FROM sales.sales_order_line GROUP BY order_id) l ON l.order_id = o.id
            WHERE o.untaxed <> l.net OR o.tax <> l.tax OR o.total <> l.gross OR o.total <> o.untaxed + o.tax OR l.lines NOT BETWEEN 1 AND 3
            """));
        Assert.Equal(0L, await CountAsync(pg, """
            SELECT count(*) FROM sales.sales_order o JOIN sales.sales_order_line l ON l.order_id = o.id
            WHERE l.delivered > l.quantity OR l.invoiced > l.delivered
               OR (o.status IN ('Invoiced', 'Paid', 'Closed') AND (l.invoiced <> l.quantity OR o.invoiced_amount <> o.total))
               OR (o.status IN ('Confirmed', 'Cancelled') AND l.delivered <> 0)
               OR (o.status = 'Delivered' AND (l.delivered <> l.quantity OR l.invoiced <> 0))
               OR o.confirmed_at IS NULL
            """));
        // The statuses are spread: most closed, some still open for delivery, none left a draft.
        Assert.True(await CountAsync(pg, "SELECT count(*) FROM sales.sales_order WHERE status = 'Closed'") > 100);
        Assert.True(await CountAsync(pg, "SELECT count(*) FROM sales.sales_order WHERE status IN ('Confirmed', 'PartiallyDelivered')") > 0);
        Assert.Equal(0L, await CountAsync(pg, "SELECT count(*) FROM sales.sales_order WHERE status = 'Draft'"));
        // A hand-checked line: 20 % VAT on quantity × list price, less the discount, rounded to cents.
        Assert.Equal(0L, await CountAsync(pg, """
            SELECT count(*) FROM sales.sales_order_line
            WHERE net <> round(quantity * round(unit_price * (100 - discount_percent) / 100, 4), 2) OR tax_amount <> round(net * 0.2, 2)
            """));
    }

    [Fact]
    public async Task Bench_purchase_orders_keep_every_check_passing_continue_their_sequence_and_page_through_the_list_api()
    {
        await using var server = await ServerAsync();
        var database = Arguments(server);
        await HostCommands.ExpectAsync(0,
            ["seed", "bench", "--customers", "40", "--opportunities", "0", "--activities", "0", "--invoices", "0", "--journal-lines", "0", "--reps", "1",
                "--products", "12", "--stock-moves", "0", "--purchase-orders", "200", .. database]);
        await HostCommands.ExpectAsync(0, ["check", "all", .. database]);

        await using var pg = new NpgsqlConnection(server.ConnectionString);
        await pg.OpenAsync(Ct);
        const string benchSuppliers = "SELECT id FROM parties.party WHERE created_at < now() - interval '1 year' AND is_supplier";
        const string benchOrders = $"SELECT id FROM purchasing.purchase_order WHERE supplier_id IN ({benchSuppliers})";
        // One organisation in twenty of the 40 is a supplier too; each of the 12 products has two supplier prices.
        Assert.Equal(2L, await CountAsync(pg, $"SELECT count(*) FROM ({benchSuppliers}) s"));
        Assert.Equal(24L, await CountAsync(pg, $"SELECT count(*) FROM purchasing.supplier_price WHERE supplier_id IN ({benchSuppliers})"));
        // 200 orders: 200 / 20 = 10 unnumbered drafts, 190 confirmed with numbers that continue the sequence gap-free.
        Assert.Equal(200L, await CountAsync(pg, $"SELECT count(*) FROM ({benchOrders}) o"));
        Assert.Equal(10L, await CountAsync(pg, $"SELECT count(*) FROM purchasing.purchase_order WHERE id IN ({benchOrders}) AND status = 'Draft' AND number IS NULL"));
        Assert.Equal(190L, await CountAsync(pg, $"SELECT count(*) FROM purchasing.purchase_order WHERE id IN ({benchOrders}) AND number IS NOT NULL AND confirmed_at IS NOT NULL"));
        Assert.Equal(
            await CountAsync(pg, "SELECT count(DISTINCT number) FROM purchasing.purchase_order WHERE number LIKE 'PO' || extract(year FROM now())::int || '-%'") + 1,
            await CountAsync(pg, "SELECT next_value FROM platform.number_sequences WHERE sequence = 'purchase-order' AND fiscal_year = extract(year FROM now())::int"));
        Assert.Equal(0L, await CountAsync(pg, "SELECT count(*) FROM (SELECT number FROM purchasing.purchase_order WHERE number IS NOT NULL GROUP BY company_id, number HAVING count(*) > 1) d"));
        // Totals are the sums of their lines, each line quantity × price rounded to cents; nothing received or billed, so
        // no order is partially received or received; only a total at the approval threshold waits for an approver.
        Assert.Equal(0L, await CountAsync(pg, $"""
            SELECT count(*) FROM purchasing.purchase_order o
            JOIN (SELECT order_id, sum(amount) AS total, count(*) AS lines, bool_or(amount <> round(quantity * unit_price, 2) OR received <> 0 OR billed <> 0) AS bad
                  FROM purchasing.purchase_order_line GROUP BY order_id) l ON l.order_id = o.id
            WHERE o.id IN ({benchOrders}) AND (o.total <> l.total OR l.lines NOT BETWEEN 1 AND 4 OR l.bad)
            """));
        Assert.Equal(0L, await CountAsync(pg, $"""
            SELECT count(*) FROM purchasing.purchase_order o
            WHERE o.id IN ({benchOrders})
              AND (o.status NOT IN ('Draft', 'ToApprove', 'Approved', 'Closed', 'Cancelled')
                   OR (o.status = 'ToApprove' AND o.total < coalesce((SELECT s.approval_threshold FROM purchasing.settings s WHERE s.company_id = o.company_id), 5000))
                   OR (o.status IN ('Approved', 'Closed') AND o.approved_by IS NULL))
            """));
        Assert.True(await CountAsync(pg, $"SELECT count(DISTINCT status) FROM purchasing.purchase_order WHERE id IN ({benchOrders})") >= 3);

        // The buyer's list pages through the approved orders with a filter, and shows one order with its lines.
        var (email, password) = await server.CreateUserAsync([Roles.Purchasing]);
        var client = await server.ClientFor(email, password);
        var approved = await CountAsync(pg, "SELECT count(*) FROM purchasing.purchase_order WHERE status = 'Approved'");
        Assert.True(approved > 25);
        var seen = new HashSet<Guid>();
        string? after = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/purchasing/orders?status=approved&limit=25" + (after is null ? "" : $"&after={after}"), Ct);
            foreach (var row in page.GetProperty("items").EnumerateArray())
            {
                Assert.Equal("approved", row.GetProperty("status").GetString());
                Assert.True(seen.Add(row.GetProperty("id").GetGuid()));
            }
            after = page.GetProperty("nextCursor").GetString();
        }
        while (after is not null);
        Assert.Equal(approved, seen.Count);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/purchasing/orders/{seen.First()}", Ct);
        Assert.Equal(await CountAsync(pg, $"SELECT count(*) FROM purchasing.purchase_order_line WHERE order_id = '{seen.First()}'"), detail.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task Bench_payments_settle_the_oldest_invoices_keep_every_check_passing_and_show_on_the_customer_overview()
    {
        await using var server = await ServerAsync();
        var database = Arguments(server);
        await HostCommands.ExpectAsync(0,
            ["seed", "bench", "--customers", "40", "--opportunities", "0", "--activities", "0", "--invoices", "50", "--payments", "30", "--journal-lines", "250",
                "--reps", "1", "--products", "0", "--stock-moves", "0", .. database]);
        await HostCommands.ExpectAsync(0, ["check", "all", .. database]);
        await HostCommands.ExpectAsync(0, ["check", "numbering", .. database]);

        await using var pg = new NpgsqlConnection(server.ConnectionString);
        await pg.OpenAsync(Ct);
        const string benchInvoices = "SELECT id FROM accounting.invoice WHERE party_id IN (SELECT id FROM parties.party WHERE created_at < now() - interval '1 year')";
        const string benchPayments = "SELECT id FROM accounting.payment WHERE party_id IN (SELECT id FROM parties.party WHERE created_at < now() - interval '1 year')";
        const string thisYear = "fiscal_year = extract(year FROM now())::int";
        // (The demo company's own invoices and payments are left out of the counts.)
        // 50 invoices of 3 lines and 30 receipts of 2 lines leave (250 − 150 − 60) / 4 = 10 expense entries.
        Assert.Equal(50L, await CountAsync(pg, $"SELECT count(*) FROM ({benchInvoices}) i"));
        Assert.Equal(30L, await CountAsync(pg, $"SELECT count(*) FROM accounting.payment WHERE direction = 'In' AND id IN ({benchPayments})"));
        Assert.Equal(10L, await CountAsync(pg, "SELECT count(*) FROM accounting.journal_entry WHERE description = 'Operating expenses'"));
        // The 30 oldest invoices (the lowest numbers) are settled, the 20 newest still wholly open.
        Assert.Equal(30L, await CountAsync(pg, $"SELECT count(*) FROM accounting.open_item WHERE invoice_id IN ({benchInvoices}) AND open_amount = 0 AND open_company_amount = 0"));
        Assert.Equal(20L, await CountAsync(pg, $"SELECT count(*) FROM accounting.open_item WHERE invoice_id IN ({benchInvoices}) AND open_amount = amount AND open_company_amount = company_amount"));
        Assert.Equal(1L, await CountAsync(pg, $"""
            SELECT count(*) FROM (SELECT max(number) FILTER (WHERE o.open_amount = 0) AS last_paid, min(number) FILTER (WHERE o.open_amount <> 0) AS first_open
                                  FROM accounting.invoice i JOIN accounting.open_item o ON o.invoice_id = i.id WHERE i.id IN ({benchInvoices})) x
            WHERE last_paid < first_open
            """));
        // Each receipt pays one invoice in full: the invoice's customer, total and number on the payment, its one
        // allocation and the open item's one settlement; dated after the invoice and not after today.
        Assert.Equal(30L, await CountAsync(pg, $"""
            SELECT count(*) FROM accounting.payment p
            JOIN accounting.payment_allocation a ON a.payment_id = p.id
            JOIN accounting.invoice i ON i.id = a.invoice_id
            JOIN accounting.open_item o ON o.id = a.open_item_id AND o.invoice_id = i.id
            JOIN accounting.open_item_change c ON c.open_item_id = o.id
            WHERE p.party_id = i.party_id AND p.amount = i.total AND p.currency = i.currency AND p.rate = 1 AND p.write_off = 0 AND p.on_account = 0
              AND a.amount = i.total AND a.company_amount = i.total AND a.document_number = i.number
              AND c.kind = 'Payment' AND c.date = p.date AND c.amount = i.total AND c.company_amount = i.total
              AND p.date > i.date AND p.date <= current_date AND p.id IN ({benchPayments})
            """));
        // Each receipt's entry is posted with its number as reference: receivable credit with the customer, bank debit.
        Assert.Equal(30L, await CountAsync(pg, $"""
            SELECT count(*) FROM accounting.payment p
            JOIN accounting.journal_entry e ON e.id = p.journal_entry_id AND e.status = 'Posted' AND e.reference = p.number AND e.date = p.date
            JOIN accounting.account bank ON bank.id = p.bank_account_id AND bank.code = '1000'
            WHERE p.id IN ({benchPayments}) AND (SELECT count(*) FROM accounting.journal_line l WHERE l.entry_id = e.id) = 2
              AND EXISTS (SELECT 1 FROM accounting.journal_line l WHERE l.entry_id = e.id AND l.account_id = bank.id AND l.debit = p.amount AND l.credit = 0 AND l.party_id IS NULL)
              AND EXISTS (SELECT 1 FROM accounting.journal_line l JOIN accounting.account ar ON ar.id = l.account_id AND ar.code = '1100'
                          WHERE l.entry_id = e.id AND l.credit = p.amount AND l.debit = 0 AND l.party_id = p.party_id)
            """));
        // The receipts and entries continue their sequences: the next number follows the last one taken.
        Assert.Equal(await CountAsync(pg, "SELECT count(*) FROM accounting.payment WHERE number LIKE 'RCPT' || extract(year FROM now())::int || '-%'") + 1,
            await CountAsync(pg, $"SELECT next_value FROM platform.number_sequences WHERE sequence = 'payment-in' AND {thisYear}"));
        Assert.Equal(await CountAsync(pg, "SELECT count(*) FROM accounting.journal_entry WHERE number LIKE 'JE' || extract(year FROM now())::int || '-%'") + 1,
            await CountAsync(pg, $"SELECT next_value FROM platform.number_sequences WHERE sequence = 'journal-entry' AND {thisYear}"));

        // A customer with a paid invoice and an open one (invoices i and i + 40 share a customer): on the customer-360
        // overview the paid one shows paid with nothing open, its receipt is listed, and the balance is the open one.
        var (party, paidInvoice, payment, openTotal) = await SingleRowAsync(pg, $"""
            SELECT i.party_id, i.id, p.id, (SELECT sum(o2.open_company_amount) FROM accounting.open_item o2 WHERE o2.party_id = i.party_id)
            FROM accounting.invoice i JOIN accounting.payment_allocation a ON a.invoice_id = i.id JOIN accounting.payment p ON p.id = a.payment_id
            WHERE i.id IN ({benchInvoices})
              AND EXISTS (SELECT 1 FROM accounting.open_item o WHERE o.party_id = i.party_id AND o.open_amount <> 0)
            ORDER BY i.number LIMIT 1
            """);
        Assert.True((decimal)openTotal > 0);
        await using var find = new NpgsqlCommand($"SELECT id FROM crm.account WHERE party_id = '{party}'", pg);
        var account = (Guid)(await find.ExecuteScalarAsync(Ct))!;
        var admin = await server.AdminClient();
        var finance = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts/{account}/overview", Ct)).GetProperty("finance");
        Assert.Equal((decimal)openTotal, Amount(finance.GetProperty("openBalance")));
        var invoice = finance.GetProperty("invoices").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == (Guid)paidInvoice);
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        Assert.Equal(0m, Amount(invoice.GetProperty("open")));
        Assert.Equal(2, finance.GetProperty("invoices").GetArrayLength());
        Assert.Equal((Guid)payment, Assert.Single(finance.GetProperty("payments").EnumerateArray()).GetProperty("id").GetGuid());
        // The payments list and the payment itself, with its one allocation to the invoice.
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accounting/payments?partyId={party}", Ct);
        Assert.Equal((Guid)payment, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accounting/payments/{payment}", Ct);
        Assert.Equal("in", detail.GetProperty("direction").GetString());
        Assert.Equal((Guid)paidInvoice, Assert.Single(detail.GetProperty("allocations").EnumerateArray()).GetProperty("invoiceId").GetGuid());
    }

    [Fact]
    public async Task Seed_bench_is_refused_on_SQLite_and_for_impossible_sizes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-seedbench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string[] database = [$"--ConnectionStrings:Tandem=Data Source={Path.Combine(folder, "t.db")}", "--Logging:LogLevel:Default=Warning"];
        try
        {
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--customers", "0", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--invoices", "10", "--journal-lines", "20", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--products", "0", "--stock-moves", "10", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--orders", "-1", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--products", "0", "--stock-moves", "0", "--orders", "10", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--customers", "10", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--purchase-orders", "-1", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--products", "0", "--stock-moves", "0", "--purchase-orders", "10", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--invoices", "10", "--payments", "11", "--journal-lines", "100", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--invoices", "10", "--payments", "-1", "--journal-lines", "100", .. database]);
            await HostCommands.ExpectAsync(2, ["seed", "bench", "--invoices", "10", "--payments", "10", "--journal-lines", "49", .. database]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A running server on a fresh PostgreSQL database of its own; skips loudly where PostgreSQL is missing.</summary>
    private static async Task<PostgresServer> ServerAsync()
    {
        var server = new PostgresServer();
        await server.InitializeAsync();
        if (!PostgresCluster.Shared.IsAvailable)
        {
            await server.DisposeAsync();
            Assert.False(PostgresCluster.Required, PostgresCluster.Shared.UnavailableReason);
            Assert.Skip("*** PostgreSQL is not available here: " + PostgresCluster.Shared.UnavailableReason);
        }
        return server;
    }

    /// <summary>The command-line arguments that point the host at the server's database.</summary>
    private static string[] Arguments(PostgresServer server) =>
        ["--Tandem:Database:Provider=Postgres", $"--ConnectionStrings:Tandem={server.ConnectionString}", "--Logging:LogLevel:Default=Warning"];

    private static decimal Amount(JsonElement money) => decimal.Parse(money.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(object, object, object, object)> SingleRowAsync(NpgsqlConnection pg, string sql)
    {
        await using var command = new NpgsqlCommand(sql, pg);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), "No row: " + sql);
        return (reader.GetValue(0), reader.GetValue(1), reader.GetValue(2), reader.GetValue(3));
    }

    private static async Task<long> CountAsync(NpgsqlConnection pg, string sql)
    {
        await using var command = new NpgsqlCommand(sql, pg);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
