using Tandem.Accounting.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Platform.Seeding;
using Tandem.Sales.Features;
using Tandem.Sales.Features.Orders;
using Tandem.Sales.Features.Quotes;

namespace Tandem.Sales.Bench;

/// <summary>
/// A year of sales orders for the benchmarks, generated in PostgreSQL over the bench customers and products: each
/// order made from an accepted quote (the quote kept, as acceptance keeps it), with one to three goods lines at the
/// product's list price (one order in ten at 5 % off) taxed at the 20 % VAT when the company has it, priced and rounded
/// as <c>Pricing.Line</c> does. Orders older than 45 days are mostly closed (some paid, invoiced or cancelled); recent
/// ones are confirmed, partially delivered, delivered, invoiced or paid, with delivered and invoiced quantities that
/// match their status. A few recent quotes (one per 25 orders) are still open. Quote and order numbers continue their
/// sequences without gaps.
/// The dataset writes only Sales' own tables: the deliveries, invoices and payments of these history orders are not
/// created, so their order moves and order invoices are absent, open history orders hold no stock reservations, and
/// the orders carry no account or opportunity (the customer path of quoting). The ledger and stock checks are
/// therefore untouched by it.
/// </summary>
internal sealed class SalesBenchDataset(SalesCompany company, IInventoryModule inventory, IAccountingModule accounting) : IBenchDataset
{
    private const int Batch = 250_000;

    public string Name => "sales";
    public int Order => 60;

    public async Task LoadAsync(BenchDataContext context, CancellationToken ct)
    {
        var orders = context.Size.Orders;
        if (orders == 0 || context.Customers.Count == 0 || context.Products.Count == 0)
            return;
        var warehouse = (await inventory.ListWarehousesAsync(ct)).Select(w => (Guid?)w.Id).FirstOrDefault()
            ?? throw new InvalidOperationException("The sales bench data needs a warehouse: load it into the demo company, or create a warehouse first.");
        var vat = (await accounting.ListTaxesAsync(ct)).FirstOrDefault(t => t.Rate == 20m && !t.PriceIncludesTax);
        var currency = await company.CurrencyAsync(ct);

        var today = DateOnly.FromDateTime(context.Clock.GetUtcNow().UtcDateTime);
        var year = today.Year;
        var start = new DateOnly(year, 1, 1);
        var openQuotes = Math.Max(1, orders / 25);
        long documents = orders + openQuotes;
        var firstQuote = await context.ReserveNumbersAsync(QuoteHandler.Sequence, year, documents, ct);
        var firstOrder = await context.ReserveNumbersAsync(OrderHandler.Sequence, year, orders, ct);
        (string, object)[] parameters =
        [
            ("c", context.CompanyId), ("n", (long)orders), ("first_quote", firstQuote), ("first_order", firstOrder), ("year", year),
            ("start", start), ("today", today), ("days", today.DayNumber - start.DayNumber + 1),
            ("customers", context.Customers.ToArray()), ("customer_count", context.Customers.Count),
            ("products", context.Products.ToArray()), ("product_count", context.Products.Count),
            ("warehouse", warehouse), ("cur", currency.Value), ("minor", currency.MinorUnits),
            ("tax", (object?)vat?.Id ?? DBNull.Value), ("tax_code", (object?)vat?.Code ?? DBNull.Value), ("rate", vat?.Rate ?? 0m),
        ];
        for (long from = 1; from <= documents; from += Batch)
        {
            var to = Math.Min(documents, from + Batch - 1);
            await context.ExecuteAllAsync(DocumentsSql, ct, [.. parameters, ("from", from), ("to", to)]);
            context.Log($"quotes {to:N0} / {documents:N0}");
        }
        foreach (var table in new[] { "quote", "quote_line", "sales_order", "sales_order_line" })
            await context.ExecuteAsync($"ANALYZE sales.{table}", ct);
        context.Log($"{orders:N0} sales orders from accepted quotes, and {openQuotes:N0} open quotes");
    }

    // Document g of the batch: g ≤ n is the quote of order g, dated through the year in number order; g > n is an open
    // quote of the last 25 days. The customer is picked by a stride; r spreads the statuses.
    private static readonly string[] DocumentsSql =
    [
        """
        CREATE TEMP TABLE bench_customer ON COMMIT DROP AS
        SELECT n::int AS n, id FROM unnest(@customers::uuid[]) WITH ORDINALITY AS c(id, n)
        """,
        "ALTER TABLE bench_customer ADD PRIMARY KEY (n)",
        // Price and cost as the catalog and inventory datasets set them for the p-th bench product.
        """
        CREATE TEMP TABLE bench_product ON COMMIT DROP AS
        SELECT n::int AS n, id, (10 + n % 500 + 0.99)::numeric(28,4) AS price, (5.50 + n % 200)::numeric(28,4) AS cost
        FROM unnest(@products::uuid[]) WITH ORDINALITY AS p(id, n)
        """,
        "ALTER TABLE bench_product ADD PRIMARY KEY (n)",
        """
        CREATE TEMP TABLE bench_doc ON COMMIT DROP AS
        SELECT g, g <= @n AS ordered,
               md5(@c::text || 'quote' || (@first_quote + g))::uuid AS quote_id,
               CASE WHEN g <= @n THEN md5(@c::text || 'order' || (@first_order + g))::uuid END AS order_id,
               (SELECT id FROM bench_customer WHERE n = 1 + (g * 7919) % @customer_count) AS party_id,
               d.date, greatest(@start::date, d.date - (g % 8)::int) AS quote_date,
               'Q' || @year || '-' || CASE WHEN @first_quote + g - 1 < 100000 THEN lpad((@first_quote + g - 1)::text, 5, '0') ELSE (@first_quote + g - 1)::text END AS quote_number,
               'SO' || @year || '-' || CASE WHEN @first_order + g - 1 < 100000 THEN lpad((@first_order + g - 1)::text, 5, '0') ELSE (@first_order + g - 1)::text END AS order_number,
               CASE WHEN g > @n THEN NULL
                    WHEN @today::date - d.date > 45 THEN CASE WHEN r < 2 THEN 'Cancelled' WHEN r < 6 THEN 'Invoiced' WHEN r < 16 THEN 'Paid' ELSE 'Closed' END
                    ELSE CASE WHEN r < 30 THEN 'Confirmed' WHEN r < 50 THEN 'PartiallyDelivered' WHEN r < 62 THEN 'Delivered' WHEN r < 85 THEN 'Invoiced' ELSE 'Paid' END
               END AS status,
               1 + (g % 3)::int AS lines,
               CASE WHEN g % 10 = 0 THEN 5 ELSE 0 END::numeric(28,4) AS discount
        FROM generate_series(@from::bigint, @to::bigint) AS g,
             LATERAL (SELECT CASE WHEN g <= @n THEN @start::date + ((g - 1) * @days / @n)::int
                                  ELSE greatest(@start::date, @today::date - ((g * 13) % 25)::int) END AS date,
                             (g * 37) % 100 AS r) AS d
        """,
        """
        CREATE TEMP TABLE bench_line ON COMMIT DROP AS
        SELECT d.g, l.n AS line_number, d.quote_id, d.order_id, d.status, bp.id AS product_id, bp.cost,
               q.quantity, bp.price AS unit_price, d.discount, x.net_unit, x.net,
               round(x.net * @rate / 100, @minor) AS tax,
               d.quote_date + ((d.g + l.n) % 4)::int AS promise_date,
               CASE WHEN d.status IN ('Confirmed', 'Cancelled') THEN 0
                    WHEN d.status = 'PartiallyDelivered' THEN CASE WHEN l.n = 1 THEN q.quantity - 1 ELSE 0 END
                    ELSE q.quantity END::numeric(28,4) AS delivered,
               CASE WHEN d.status IN ('Invoiced', 'Paid', 'Closed') THEN q.quantity ELSE 0 END::numeric(28,4) AS invoiced
        FROM bench_doc d
        CROSS JOIN LATERAL generate_series(1, d.lines) AS l(n)
        JOIN bench_product bp ON bp.n = 1 + ((d.g * 17 + l.n * 101) % @product_count)::int
        CROSS JOIN LATERAL (SELECT (2 + (d.g + l.n * 3) % 9)::numeric(28,4) AS quantity) AS q
        CROSS JOIN LATERAL (SELECT round(bp.price * (100 - d.discount) / 100, 4) AS net_unit) AS u
        CROSS JOIN LATERAL (SELECT u.net_unit, round(q.quantity * u.net_unit, @minor) AS net) AS x
        """,
        """
        CREATE TEMP TABLE bench_total ON COMMIT DROP AS
        SELECT g, sum(net) AS untaxed, sum(tax) AS tax, max(promise_date) AS ship_complete FROM bench_line GROUP BY g
        """,
        "ALTER TABLE bench_total ADD PRIMARY KEY (g)",
        """
        INSERT INTO sales.quote (id, number, revision, party_id, warehouse_id, currency, quote_date, valid_until, status, untaxed, tax, total,
          ship_complete_date, order_id, created_at, sent_at, decided_at, company_id, version)
        SELECT d.quote_id, d.quote_number, 1, d.party_id, @warehouse, @cur, d.quote_date, d.quote_date + 30, CASE WHEN d.ordered THEN 'Accepted' ELSE 'Open' END,
               t.untaxed, t.tax, t.untaxed + t.tax, t.ship_complete, d.order_id, d.quote_date::timestamptz, d.quote_date::timestamptz,
               CASE WHEN d.ordered THEN d.date::timestamptz END, @c, 0
        FROM bench_doc d JOIN bench_total t ON t.g = d.g
        """,
        """
        INSERT INTO sales.quote_line (id, quote_id, line_number, product_id, is_service, description, quantity, unit, unit_price, price_source, discount_percent,
          net_unit_price, tax_id, tax_code, tax_rate, price_includes_tax, net, tax_amount, gross, promise_date, promise_basis, company_id, version)
        SELECT md5(quote_id::text || 'line' || line_number)::uuid, quote_id, line_number, product_id, false, 'Bench goods', quantity, 'pc', unit_price, 'list_price', discount,
               net_unit, @tax::uuid, @tax_code::text, @rate, false, net, tax, net + tax, promise_date, 'stock', @c, 0
        FROM bench_line
        """,
        """
        INSERT INTO sales.sales_order (id, number, party_id, quote_id, quote_number, warehouse_id, currency, order_date, promise_date, status, untaxed, tax, total,
          invoiced_amount, created_at, confirmed_at, company_id, version)
        SELECT d.order_id, d.order_number, d.party_id, d.quote_id, d.quote_number || ' rev. 1', @warehouse, @cur, d.date, t.ship_complete, d.status,
               t.untaxed, t.tax, t.untaxed + t.tax, CASE WHEN d.status IN ('Invoiced', 'Paid', 'Closed') THEN t.untaxed + t.tax ELSE 0 END,
               d.date::timestamptz, d.date::timestamptz, @c, 0
        FROM bench_doc d JOIN bench_total t ON t.g = d.g
        WHERE d.ordered
        """,
        """
        INSERT INTO sales.sales_order_line (id, order_id, line_number, product_id, is_service, description, quantity, unit, unit_price, discount_percent, net_unit_price,
          tax_id, tax_rate, net, tax_amount, gross, promise_date, delivered, invoiced, returned, delivered_cost, company_id, version)
        SELECT md5(order_id::text || 'line' || line_number)::uuid, order_id, line_number, product_id, false, 'Bench goods', quantity, 'pc', unit_price, discount, net_unit,
               @tax::uuid, @rate, net, tax, net + tax, promise_date, delivered, invoiced, 0, delivered * cost, @c, 0
        FROM bench_line
        WHERE order_id IS NOT NULL
        """,
    ];
}
