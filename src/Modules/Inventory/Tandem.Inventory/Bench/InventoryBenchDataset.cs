using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tandem.Accounting.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Inventory.Features.Moves;
using Tandem.Platform.Persistence;
using Tandem.Platform.Seeding;

namespace Tandem.Inventory.Bench;

/// <summary>
/// A year of stock movement for the benchmarks, generated in PostgreSQL over the catalog's bench products: each
/// product alternates receipts from suppliers and smaller deliveries to customers in one of the first two
/// warehouses, so its stock only grows, valued at moving average at the product's own constant cost. Move numbers
/// continue the stock-move sequence without gaps; on-hand rows, levels, valuation layers and product valuations are
/// added from the very moves inserted, so <c>check stock</c> holds on the result. The ledger gets one entry per day
/// and kind through the accounting contract (the live path posts one per move), so the inventory account equals
/// the valuation; the entries are posted first, from the figures the moves are about to get, and each move is
/// inserted carrying its day's entry number, as a live move carries its own. Runs after the ledger dataset, which
/// opens the fiscal year.
/// </summary>
internal sealed class InventoryBenchDataset(InventoryDb db, DbSession session, IAccountingModule accounting) : IBenchDataset
{
    private const int Batch = 250_000;

    public string Name => "inventory";
    public int Order => 50;

    public async Task LoadAsync(BenchDataContext context, CancellationToken ct)
    {
        var moves = context.Size.StockMoves;
        var products = context.Products;
        if (moves == 0 || products.Count == 0)
            return;
        var stocks = await db.Locations.AsNoTracking()
            .Where(l => l.Kind == LocationKind.Internal && l.WarehouseId != null && l.Path.EndsWith("/Stock"))
            .OrderBy(l => l.Path).Select(l => new { l.Id, l.WarehouseId }).Take(2).ToListAsync(ct);
        var supplier = await db.Locations.AsNoTracking().Where(l => l.Kind == LocationKind.Supplier).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct);
        var customer = await db.Locations.AsNoTracking().Where(l => l.Kind == LocationKind.Customer).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct);
        if (stocks.Count == 0 || supplier is null || customer is null)
            throw new InvalidOperationException("The inventory bench data needs a warehouse and the partner locations: load it into the demo company, or create a warehouse first.");

        var today = DateOnly.FromDateTime(context.Clock.GetUtcNow().UtcDateTime);
        var start = new DateOnly(today.Year, 1, 1);
        var firstNumber = await context.ReserveNumbersAsync(MoveHandler.Sequence, 0, moves, ct);
        (string, object)[] parameters =
        [
            ("c", context.CompanyId), ("n", moves), ("first", firstNumber), ("start", start), ("days", today.DayNumber - start.DayNumber + 1),
            ("product_ids", products.ToArray()), ("product_count", products.Count),
            ("stocks", stocks.Select(s => s.Id).ToArray()), ("warehouses", stocks.Select(s => s.WarehouseId!.Value).ToArray()), ("stock_count", stocks.Count),
            ("supplier", supplier.Value), ("customer", customer.Value),
        ];
        await context.ExecuteAllAsync(ProductsSql, ct, parameters);

        var days = new List<(DateOnly Date, bool Receipt, decimal Value)>();
        await using (var command = new NpgsqlCommand(DaysSql, context.Connection) { CommandTimeout = 0 })
        {
            (string Name, object Value)[] all = [.. parameters, ("from", 1L), ("to", moves)];
            foreach (var (name, value) in all.Where(p => DaysSql.Contains("@" + p.Name, StringComparison.Ordinal)))
                command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                days.Add((reader.GetFieldValue<DateOnly>(0), reader.GetBoolean(1), reader.GetDecimal(2)));
        }
        var entries = new List<string>(days.Count);
        await using (var unit = await session.BeginAsync(ct))
        {
            foreach (var day in days)
            {
                var (debit, credit) = day.Receipt
                    ? (ControlRole.Inventory, ControlRole.GoodsReceivedNotInvoiced)
                    : (ControlRole.CostOfGoodsSold, ControlRole.Inventory);
                var posted = await accounting.PostAsync(new LedgerEntryRequest(day.Date, $"Bench {(day.Receipt ? "receipts" : "deliveries")} of {day.Date:yyyy-MM-dd}", null,
                    [new LedgerLineRequest(debit, null, day.Value, 0m), new LedgerLineRequest(credit, null, 0m, day.Value)]), ct);
                if (!posted.IsSuccess)
                    throw new InvalidOperationException($"Posting the stock value of {day.Date}: {posted.Error!.Message}");
                entries.Add(posted.Value.Number);
            }
            await unit.CommitAsync(ct);
        }

        (string, object)[] entryParameters =
            [("entry_dates", days.Select(d => d.Date).ToArray()), ("entry_receipts", days.Select(d => d.Receipt).ToArray()), ("entry_numbers", entries.ToArray())];
        for (long from = 1; from <= moves; from += Batch)
        {
            var to = Math.Min(moves, from + Batch - 1);
            await context.ExecuteAllAsync(MovesSql, ct, [.. parameters, .. entryParameters, ("from", from), ("to", to)]);
            context.Log($"stock moves {to:N0} / {moves:N0}");
        }
        await context.ExecuteAllAsync(TotalsSql, ct, parameters);
        foreach (var table in new[] { "stock_move", "stock_move_line", "valuation_layer", "stock_quant", "stock_level", "product_valuation", "product_settings" })
            await context.ExecuteAsync($"ANALYZE inventory.{table}", ct);
        context.Log($"{moves:N0} done moves over {products.Count:N0} products, posted as {days.Count} ledger entries");
    }

    // Product p (1-based) is stocked in warehouse 1 + p % stock_count at the unit cost 5.50 + p % 200.
    private static readonly string[] ProductsSql =
    [
        """
        INSERT INTO inventory.product_settings (id, product_id, tracking, valuation, lead_time_days, company_id, version)
        SELECT md5(@c::text || 'settings' || p.id)::uuid, p.id, 'None', 'Average', 7, @c, 0
        FROM unnest(@product_ids::uuid[]) AS p(id)
        """,
    ];

    // Move g of n is the k-th move of product p = 1 + (g - 1) % product_count, k = (g - 1) / product_count: receipts
    // (even k) of 10–14 pieces and deliveries (odd k) of 5–7, so stock never runs out. Dated through the year in number
    // order. The figures of moves @from to @to, shared by the daily ledger totals and the moves themselves.
    private const string MoveFigures = """
        SELECT g, p, k, (k % 2 = 0) AS receipt,
               CASE WHEN k % 2 = 0 THEN 10 + (k / 2) % 5 ELSE 5 + (k / 2) % 3 END::numeric(28,4) AS quantity,
               (5.50 + p % 200)::numeric(28,4) AS unit_cost,
               @start::date + ((g - 1) * @days / @n)::int AS date
        FROM generate_series(@from::bigint, @to::bigint) AS g,
             LATERAL (SELECT 1 + ((g - 1) % @product_count)::int AS p, ((g - 1) / @product_count)::bigint AS k) AS x
        """;

    // The stock value each day's receipts and deliveries will carry: one ledger entry each.
    private const string DaysSql = $"""
        SELECT date, receipt, sum(quantity * unit_cost) FROM ({MoveFigures}) AS f GROUP BY date, receipt ORDER BY date, receipt DESC
        """;

    private static readonly string[] MovesSql =
    [
        """
        CREATE TEMP TABLE bench_product ON COMMIT DROP AS
        SELECT n::int AS n, id FROM unnest(@product_ids::uuid[]) WITH ORDINALITY AS p(id, n)
        """,
        "ALTER TABLE bench_product ADD PRIMARY KEY (n)",
        """
        CREATE TEMP TABLE bench_entry ON COMMIT DROP AS
        SELECT * FROM unnest(@entry_dates::date[], @entry_receipts::boolean[], @entry_numbers::text[]) AS e(date, receipt, number)
        """,
        "ALTER TABLE bench_entry ADD PRIMARY KEY (date, receipt)",
        $"""
        CREATE TEMP TABLE bench_move ON COMMIT DROP AS
        SELECT f.g AS g, md5(@c::text || 'move' || (@first + f.g))::uuid AS id, bp.id AS product_id, f.k AS k, f.p AS p, f.receipt AS receipt,
               f.quantity AS quantity, f.unit_cost AS unit_cost,
               (@stocks::uuid[])[1 + f.p % @stock_count] AS stock,
               (@warehouses::uuid[])[1 + f.p % @stock_count] AS warehouse_id,
               f.date AS date,
               'SM' || CASE WHEN @first + f.g - 1 < 1000000 THEN lpad((@first + f.g - 1)::text, 6, '0') ELSE (@first + f.g - 1)::text END AS number,
               e.number AS entry_number
        FROM ({MoveFigures}) AS f
        JOIN bench_product bp ON bp.n = f.p
        JOIN bench_entry e ON e.date = f.date AND e.receipt = f.receipt
        """,
        """
        INSERT INTO inventory.stock_move (id, number, kind, status, product_id, quantity, entered_quantity, entered_unit, from_location_id, to_location_id,
          warehouse_id, scheduled_date, done_date, source_type, unit_cost, value, entry_number, reserved_quantity, created_at, done_at, company_id, version)
        SELECT id, number, CASE WHEN receipt THEN 'Receipt' ELSE 'Delivery' END, 'Done', product_id, quantity, quantity, 'pc',
               CASE WHEN receipt THEN @supplier ELSE stock END, CASE WHEN receipt THEN stock ELSE @customer END,
               warehouse_id, date, date, 'bench', unit_cost, quantity * unit_cost, entry_number, 0, date::timestamptz, date::timestamptz, @c, 0
        FROM bench_move
        """,
        """
        INSERT INTO inventory.stock_move_line (id, move_id, quantity, company_id, version)
        SELECT md5(id::text || 'line')::uuid, id, quantity, @c, 0 FROM bench_move
        """,
        """
        INSERT INTO inventory.valuation_layer (id, product_id, move_id, date, sequence, quantity, value, remaining_quantity, remaining_value, company_id, version)
        SELECT md5(id::text || 'layer')::uuid, product_id, id, date, k + 1,
               CASE WHEN receipt THEN quantity ELSE -quantity END, CASE WHEN receipt THEN 1 ELSE -1 END * quantity * unit_cost,
               CASE WHEN receipt THEN quantity ELSE 0 END, CASE WHEN receipt THEN quantity * unit_cost ELSE 0 END, @c, 0
        FROM bench_move
        """,
    ];

    // On hand per product and location (the stock location, and the supplier and customer locations the moves came
    // from and went to), its level, and the product's valuation, all summed from the moves just written.
    private static readonly string[] TotalsSql =
    [
        """
        CREATE TEMP TABLE bench_quant ON COMMIT DROP AS
        SELECT product_id, location_id, max(warehouse_id::text)::uuid AS warehouse_id, sum(quantity) AS quantity
        FROM (SELECT product_id, to_location_id AS location_id, CASE WHEN kind = 'Receipt' THEN warehouse_id END AS warehouse_id, quantity
              FROM inventory.stock_move WHERE company_id = @c AND source_type = 'bench'
              UNION ALL
              SELECT product_id, from_location_id, CASE WHEN kind = 'Delivery' THEN warehouse_id END, -quantity
              FROM inventory.stock_move WHERE company_id = @c AND source_type = 'bench') AS m
        GROUP BY product_id, location_id
        """,
        """
        INSERT INTO inventory.stock_quant (id, product_id, location_id, warehouse_id, lot_id, quantity, company_id, version)
        SELECT md5(@c::text || 'quant' || product_id || location_id)::uuid, product_id, location_id, warehouse_id,
               '00000000-0000-0000-0000-000000000000', quantity, @c, 0
        FROM bench_quant
        """,
        """
        INSERT INTO inventory.stock_level (id, product_id, location_id, warehouse_id, on_hand, reserved, company_id, version)
        SELECT md5(@c::text || 'level' || product_id || location_id)::uuid, product_id, location_id, warehouse_id, quantity, 0, @c, 0
        FROM bench_quant
        """,
        """
        INSERT INTO inventory.product_valuation (id, product_id, quantity, value, company_id, version)
        SELECT md5(@c::text || 'valuation' || product_id)::uuid, product_id, sum(quantity), sum(value), @c, 0
        FROM inventory.valuation_layer WHERE company_id = @c AND product_id = ANY(@product_ids::uuid[])
        GROUP BY product_id
        """,
    ];
}
