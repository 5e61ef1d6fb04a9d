using Tandem.Inventory.Contracts;
using Tandem.Platform.Seeding;
using Tandem.Purchasing.Features;
using Tandem.Purchasing.Features.Orders;

namespace Tandem.Purchasing.Bench;

/// <summary>
/// A year of purchase orders for the benchmarks, generated in PostgreSQL over the bench suppliers (the customers the
/// parties dataset also made suppliers) and the bench products. Every product has two supplier prices in the company
/// currency, the first at the product's standard cost and the second 4 % dearer; an order goes to the cheaper supplier
/// of its first product, with one to four lines at the products' standard cost, amounts rounded as the order line
/// rounds them. Orders through the year are confirmed in date order with gap-free numbers that continue the sequence:
/// older than 60 days they are closed or cancelled, recent ones approved (by the company's approver when the total
/// reaches the approval threshold), waiting for approval or cancelled; one order in twenty is a recent, unnumbered draft.
/// The dataset writes only Purchasing's own tables: no receipts, stock moves or vendor bills are made, so every line has
/// nothing received or billed, and no order is partially received or received. The stock and ledger checks are
/// therefore untouched by it.
/// </summary>
internal sealed class PurchasingBenchDataset(PurchasingCompany company, IInventoryModule inventory) : IBenchDataset
{
    private const int Batch = 250_000;

    /// <summary>Who approves the bench orders that reached the threshold.</summary>
    public const string Approver = "bench.approver@bench.tandem.local";

    public string Name => "purchasing";
    public int Order => 70;

    public async Task LoadAsync(BenchDataContext context, CancellationToken ct)
    {
        var orders = context.Size.PurchaseOrders;
        if (orders == 0 || context.Suppliers.Count == 0 || context.Products.Count == 0)
            return;
        var warehouse = (await inventory.ListWarehousesAsync(ct)).Select(w => (Guid?)w.Id).FirstOrDefault()
            ?? throw new InvalidOperationException("The purchasing bench data needs a warehouse: load it into the demo company, or create a warehouse first.");
        var currency = await company.CurrencyAsync(ct);
        var threshold = (await company.SettingsAsync(ct)).ApprovalThreshold;

        var today = DateOnly.FromDateTime(context.Clock.GetUtcNow().UtcDateTime);
        var year = today.Year;
        var start = new DateOnly(year, 1, 1);
        var drafts = orders / 20;
        long numbered = orders - drafts;
        var first = numbered == 0 ? 0 : await context.ReserveNumbersAsync(OrderHandler.Sequence, year, numbered, ct);
        (string, object)[] parameters =
        [
            ("c", context.CompanyId), ("n", numbered), ("first", first), ("year", year), ("start", start), ("today", today),
            ("days", today.DayNumber - start.DayNumber + 1), ("suppliers", context.Suppliers.ToArray()), ("supplier_count", context.Suppliers.Count),
            ("products", context.Products.ToArray()), ("product_count", context.Products.Count), ("warehouse", warehouse),
            ("cur", currency.Value), ("minor", currency.MinorUnits), ("threshold", threshold), ("approver", Approver),
        ];
        await context.ExecuteAllAsync(PricesSql, ct, parameters);
        context.Log($"{context.Products.Count * 2:N0} supplier prices from {context.Suppliers.Count:N0} suppliers");
        for (long from = 1; from <= orders; from += Batch)
        {
            var to = Math.Min(orders, from + Batch - 1);
            await context.ExecuteAllAsync(OrdersSql, ct, [.. parameters, ("from", from), ("to", to)]);
            context.Log($"purchase orders {to:N0} / {orders:N0}");
        }
        foreach (var table in new[] { "supplier_price", "purchase_order", "purchase_order_line" })
            await context.ExecuteAsync($"ANALYZE purchasing.{table}", ct);
        context.Log($"{numbered:N0} confirmed purchase orders and {drafts:N0} drafts");
    }

    // The p-th bench product costs 5.50 + p % 200, as the inventory dataset values it; its suppliers are two neighbours
    // in the supplier list picked by a stride.
    private const string ProductsSql =
        """
        CREATE TEMP TABLE bench_product ON COMMIT DROP AS
        SELECT n::int AS n, id, (5.50 + n % 200)::numeric(28,4) AS cost,
               1 + ((n * 7919) % @supplier_count)::int AS first_supplier, 1 + ((n * 7919 + 1) % @supplier_count)::int AS second_supplier
        FROM unnest(@products::uuid[]) WITH ORDINALITY AS p(id, n)
        """;

    private const string SuppliersSql =
        """
        CREATE TEMP TABLE bench_supplier ON COMMIT DROP AS
        SELECT n::int AS n, id FROM unnest(@suppliers::uuid[]) WITH ORDINALITY AS s(id, n)
        """;

    private static readonly string[] PricesSql =
    [
        ProductsSql,
        SuppliersSql,
        """
        INSERT INTO purchasing.supplier_price (id, supplier_id, product_id, min_quantity, unit_price, currency, valid_from, valid_to, company_id, version)
        SELECT md5(@c::text || 'supplier-price' || p.id || o.rank)::uuid, s.id, p.id, 1, CASE WHEN o.rank = 1 THEN p.cost ELSE round(p.cost * 1.04, 4) END,
               @cur, NULL::date, NULL::date, @c, 0
        FROM bench_product p
        CROSS JOIN LATERAL (VALUES (1, p.first_supplier), (2, p.second_supplier)) AS o(rank, supplier)
        JOIN bench_supplier s ON s.n = o.supplier
        """,
    ];

    // Order g of the batch: g ≤ n is confirmed and numbered in date order through the year; g > n is a draft of the last
    // ten days. r spreads the statuses; the approval is decided on the total once the lines are summed.
    private static readonly string[] OrdersSql =
    [
        ProductsSql,
        "ALTER TABLE bench_product ADD PRIMARY KEY (n)",
        SuppliersSql,
        "ALTER TABLE bench_supplier ADD PRIMARY KEY (n)",
        """
        CREATE TEMP TABLE bench_po ON COMMIT DROP AS
        SELECT g, g <= @n AS confirmed, md5(@c::text || 'purchase-order' || @first || '-' || g)::uuid AS order_id, d.date, d.r, d.lines,
               (SELECT s.id FROM bench_product p JOIN bench_supplier s ON s.n = p.first_supplier WHERE p.n = 1 + (g * 17) % @product_count) AS supplier_id,
               CASE WHEN g <= @n THEN 'PO' || @year || '-' || CASE WHEN @first + g - 1 < 100000 THEN lpad((@first + g - 1)::text, 5, '0') ELSE (@first + g - 1)::text END END AS number
        FROM generate_series(@from::bigint, @to::bigint) AS g,
             LATERAL (SELECT CASE WHEN g <= @n THEN @start::date + ((g - 1) * @days / @n)::int
                                  ELSE greatest(@start::date, @today::date - ((g * 13) % 10)::int) END AS date,
                             (g * 37) % 100 AS r, 1 + (g % 4)::int AS lines) AS d
        """,
        """
        CREATE TEMP TABLE bench_po_line ON COMMIT DROP AS
        SELECT o.order_id, l.n AS line_number, p.id AS product_id, q.quantity, p.cost AS unit_price, round(q.quantity * p.cost, @minor) AS amount
        FROM bench_po o
        CROSS JOIN LATERAL generate_series(1, o.lines) AS l(n)
        JOIN bench_product p ON p.n = 1 + ((o.g * 17 + (l.n - 1) * 101) % @product_count)::int
        CROSS JOIN LATERAL (SELECT (10 * (1 + (o.g + l.n * 3) % 20))::numeric(28,4) AS quantity) AS q
        """,
        """
        CREATE TEMP TABLE bench_po_total ON COMMIT DROP AS
        SELECT order_id, sum(amount) AS total FROM bench_po_line GROUP BY order_id
        """,
        "ALTER TABLE bench_po_total ADD PRIMARY KEY (order_id)",
        // The status follows the aggregate's rules: only a total at or above a set threshold waits for an approver, and
        // an order approved on confirmation is approved by whoever confirmed it.
        """
        CREATE TEMP TABLE bench_po_status ON COMMIT DROP AS
        SELECT o.order_id, t.total, s.status, @threshold > 0 AND t.total >= @threshold AS needs_approval
        FROM bench_po o JOIN bench_po_total t ON t.order_id = o.order_id
        CROSS JOIN LATERAL (SELECT CASE
            WHEN NOT o.confirmed THEN 'Draft'
            WHEN @today::date - o.date > 60 THEN CASE WHEN o.r < 10 THEN 'Cancelled' ELSE 'Closed' END
            WHEN o.r < 8 THEN 'Cancelled'
            WHEN o.r < 40 AND @threshold > 0 AND t.total >= @threshold THEN 'ToApprove'
            ELSE 'Approved' END AS status) AS s
        """,
        """
        INSERT INTO purchasing.purchase_order (id, number, supplier_id, warehouse_id, currency, order_date, expected_date, reference, status, total,
          created_at, confirmed_at, approved_at, approved_by, company_id, version)
        SELECT o.order_id, o.number, o.supplier_id, @warehouse, @cur, o.date, o.date + 7 + (o.g % 14)::int, NULL, s.status, s.total,
               o.date::timestamptz, CASE WHEN o.confirmed THEN o.date::timestamptz END,
               CASE WHEN s.status IN ('Draft', 'ToApprove') THEN NULL ELSE o.date::timestamptz + CASE WHEN s.needs_approval THEN interval '4 hours' ELSE interval '0' END END,
               CASE WHEN s.status IN ('Draft', 'ToApprove') THEN NULL ELSE @approver::text END,
               @c, 0
        FROM bench_po o JOIN bench_po_status s ON s.order_id = o.order_id
        """,
        """
        INSERT INTO purchasing.purchase_order_line (id, order_id, line_number, product_id, description, quantity, unit_price, amount, received, billed, company_id, version)
        SELECT md5(order_id::text || 'line' || line_number)::uuid, order_id, line_number, product_id, 'Bench goods', quantity, unit_price, amount, 0, 0, @c, 0
        FROM bench_po_line
        """,
    ];
}
