using System.Data.Common;
using Tandem.Platform.Persistence;

namespace Tandem.Inventory.Data;

/// <summary>
/// The stock balances (quants per product × location × lot, levels per product × location, valuation per product),
/// changed only by single atomic statements on the request's transaction: upserts that add (<c>x = x + excluded.x</c>)
/// and conditional updates that refuse to take more than is there. Never read-modify-write, so concurrent moves
/// cannot lose an update or oversell. Callers touch rows in a fixed order: quants by lot, then the level, then the
/// valuation, so two moves sharing rows queue instead of deadlocking.
/// </summary>
internal sealed class StockLedger(DbSession session, InventoryDb db)
{
    private bool IsPostgres => session.Provider == DatabaseProvider.Postgres;

    private string Table(string name) => IsPostgres ? $"{InventoryDb.SchemaName}.{name}" : $"{InventoryDb.SchemaName}_{name}";

    private string Alias => IsPostgres ? " AS t" : "";

    private string T => IsPostgres ? "t." : "";

    /// <summary>Adds to a quant, creating it; for virtual locations, which may go negative, and for every increase.</summary>
    public Task AddQuantAsync(Guid productId, Guid locationId, Guid? warehouseId, Guid lotId, decimal delta, CancellationToken ct) =>
        ExecuteAsync($"""
            INSERT INTO {Table("stock_quant")}{Alias} (id, company_id, version, product_id, location_id, warehouse_id, lot_id, quantity)
            VALUES (@id, @company, 1, @product, @location, @warehouse, @lot, @delta)
            ON CONFLICT (company_id, product_id, location_id, lot_id) DO UPDATE SET quantity = {T}quantity + excluded.quantity
            """, ct, ("@id", Guid.CreateVersion7()), ("@product", productId), ("@location", locationId), ("@warehouse", warehouseId), ("@lot", lotId), ("@delta", delta));

    /// <summary>Takes from a quant only if it holds enough; false when it does not.</summary>
    public async Task<bool> TakeQuantAsync(Guid productId, Guid locationId, Guid lotId, decimal quantity, CancellationToken ct) =>
        await ExecuteAsync($"""
            UPDATE {Table("stock_quant")} SET quantity = quantity - @q
            WHERE company_id = @company AND product_id = @product AND location_id = @location AND lot_id = @lot AND quantity >= @q
            """, ct, ("@product", productId), ("@location", locationId), ("@lot", lotId), ("@q", quantity)) == 1;

    public Task AddLevelAsync(Guid productId, Guid locationId, Guid? warehouseId, decimal onHand, CancellationToken ct) =>
        ExecuteAsync($"""
            INSERT INTO {Table("stock_level")}{Alias} (id, company_id, version, product_id, location_id, warehouse_id, on_hand, reserved)
            VALUES (@id, @company, 1, @product, @location, @warehouse, @delta, 0)
            ON CONFLICT (company_id, product_id, location_id) DO UPDATE SET on_hand = {T}on_hand + excluded.on_hand
            """, ct, ("@id", Guid.CreateVersion7()), ("@product", productId), ("@location", locationId), ("@warehouse", warehouseId), ("@delta", onHand));

    /// <summary>
    /// Takes stock from an internal location's level, releasing the move's own reservation, only if what stays covers
    /// everyone else's reservations; false otherwise.
    /// </summary>
    public async Task<bool> TakeLevelAsync(Guid productId, Guid locationId, decimal quantity, decimal release, CancellationToken ct) =>
        await ExecuteAsync($"""
            UPDATE {Table("stock_level")} SET on_hand = on_hand - @q, reserved = reserved - @release
            WHERE company_id = @company AND product_id = @product AND location_id = @location AND on_hand - @q >= reserved - @release
            """, ct, ("@product", productId), ("@location", locationId), ("@q", quantity), ("@release", release)) == 1;

    /// <summary>Reserves only if on hand minus what is already reserved covers it; false otherwise.</summary>
    public async Task<bool> TryReserveAsync(Guid productId, Guid locationId, decimal quantity, CancellationToken ct) =>
        await ExecuteAsync($"""
            UPDATE {Table("stock_level")} SET reserved = reserved + @q
            WHERE company_id = @company AND product_id = @product AND location_id = @location AND on_hand - reserved >= @q
            """, ct, ("@product", productId), ("@location", locationId), ("@q", quantity)) == 1;

    /// <summary>
    /// Reserves as much of the quantity as is available and returns how much that was (0 when nothing is). The row is
    /// locked first by a write (PostgreSQL row lock, SQLite write lock), so what is read next cannot be reserved by a
    /// concurrent move before this one takes it.
    /// </summary>
    public async Task<decimal> ReserveAvailableAsync(Guid productId, Guid locationId, decimal quantity, CancellationToken ct)
    {
        var locked = await ExecuteAsync($"""
            UPDATE {Table("stock_level")} SET reserved = reserved
            WHERE company_id = @company AND product_id = @product AND location_id = @location
            """, ct, ("@product", productId), ("@location", locationId));
        if (locked == 0)
            return 0m;
        var available = await ScalarDecimalAsync($"""
            SELECT on_hand - reserved FROM {Table("stock_level")}
            WHERE company_id = @company AND product_id = @product AND location_id = @location
            """, ct, ("@product", productId), ("@location", locationId));
        var take = Math.Min(quantity, Math.Max(available, 0m));
        if (take > 0 && !await TryReserveAsync(productId, locationId, take, ct))
            throw new InvalidOperationException("The stock level changed while it was locked.");
        return take;
    }

    public Task ReleaseAsync(Guid productId, Guid locationId, decimal quantity, CancellationToken ct) =>
        ExecuteAsync($"""
            UPDATE {Table("stock_level")} SET reserved = reserved - @q
            WHERE company_id = @company AND product_id = @product AND location_id = @location
            """, ct, ("@product", productId), ("@location", locationId), ("@q", quantity));

    /// <summary>
    /// Adds to a product's valuation. Called with zeros first, it locks the row (PostgreSQL) or the database (SQLite)
    /// so the layers read next cannot be consumed by a concurrent move before this one writes.
    /// </summary>
    public Task AddValuationAsync(Guid productId, decimal quantity, decimal value, CancellationToken ct) =>
        ExecuteAsync($"""
            INSERT INTO {Table("product_valuation")}{Alias} (id, company_id, version, product_id, quantity, value)
            VALUES (@id, @company, 1, @product, @quantity, @value)
            ON CONFLICT (company_id, product_id) DO UPDATE SET quantity = {T}quantity + excluded.quantity, value = {T}value + excluded.value
            """, ct, ("@id", Guid.CreateVersion7()), ("@product", productId), ("@quantity", quantity), ("@value", value));

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<decimal> ScalarDecimalAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(ct);
        return value switch
        {
            null or DBNull => 0m,
            decimal d => d,
            // SQLite keeps decimals as integers of the model's scale.
            _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) / ScaledDecimalConverter.Pow10(ModelConventions.DefaultDecimalScale),
        };
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction
            ?? throw new InvalidOperationException("Stock balances change only inside the unit of work of a move.");
        command.CommandText = sql;
        Add(command, "@company", db.CompanyId);
        foreach (var (name, value) in parameters)
            Add(command, name, value);
        return command;
    }

    private void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            Guid g when !IsPostgres => g.ToString().ToUpperInvariant(),
            decimal d when !IsPostgres => (long)decimal.Round(d * ScaledDecimalConverter.Pow10(ModelConventions.DefaultDecimalScale), MidpointRounding.AwayFromZero),
            _ => value,
        };
        command.Parameters.Add(parameter);
    }
}
