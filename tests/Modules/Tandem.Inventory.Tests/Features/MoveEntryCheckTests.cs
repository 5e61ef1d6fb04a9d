using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Platform.Consistency;
using Tandem.Testing;

namespace Tandem.Inventory.Tests.Features;

/// <summary>
/// <c>check stock</c>'s entry rule: every done move with a value names a posted journal entry of its company. Each test
/// moves stock in a company of its own, finds nothing wrong, then breaks one move or its entry with SQL and expects
/// the rule's code on exactly that move.
/// </summary>
public abstract class MoveEntryCheckTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// 10 received at 4.00 (value 40.00), 2 received at no cost (value 0: no entry), 3 delivered first in, first out,
    /// from the receipt at 4.00 (3 × 4.00 = 12.00).
    /// </summary>
    private static async Task<(JsonElement Receipt, JsonElement Free, JsonElement Delivery)> MoveStockAsync(InventoryClient wh)
    {
        var product = await wh.ProductAsync("CHK-" + Guid.NewGuid().ToString("N")[..6]);
        var receipt = await wh.ReceiveAsync(product, 10m, 4m);
        var free = await wh.ReceiveAsync(product, 2m, 0m);
        var delivery = await wh.DeliverAsync(product, 3m);
        Assert.Equal(40m, InventoryClient.Amount(receipt.GetProperty("value")));
        Assert.Equal(0m, InventoryClient.Amount(free.GetProperty("value")));
        Assert.Equal(-12m, InventoryClient.Amount(delivery.GetProperty("value")));
        Assert.NotNull(receipt.GetProperty("entryNumber").GetString());
        Assert.Equal(JsonValueKind.Null, free.GetProperty("entryNumber").ValueKind);
        return (receipt, free, delivery);
    }

    private async Task<List<ConsistencyViolation>> StockViolationsAsync(Guid companyId)
    {
        await using var scope = server.ScopeFor(companyId);
        var check = scope.ServiceProvider.GetServices<IConsistencyCheck>().Single(c => c.Name == "stock");
        return (await check.RunAsync(Ct)).Where(v => v.CompanyId == companyId).ToList();
    }

    /// <summary>Runs the statement with <c>{moves}</c> and <c>{entries}</c> named as the provider names those tables.</summary>
    private async Task TamperAsync(string sql, params object[] parameters)
    {
        await using var scope = server.ScopeFor();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDb>();
        var moves = db.Model.FindEntityType(typeof(StockMove))!;
        // The ledger's entries live beside the moves: schema "accounting" on PostgreSQL, prefix "accounting_" on SQLite.
        var (movesTable, entriesTable) = moves.GetSchema() is { } schema
            ? ($"{schema}.{moves.GetTableName()}", "accounting.journal_entry")
            : (moves.GetTableName()!, "accounting_journal_entry");
        var statement = sql.Replace("{moves}", movesTable, StringComparison.Ordinal).Replace("{entries}", entriesTable, StringComparison.Ordinal);
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(statement, parameters, Ct));
    }

    private static void AssertOnly(List<ConsistencyViolation> violations, string rule, string moveNumber)
    {
        var found = violations.Where(v => v.Rule == rule).ToList();
        Assert.True(found.Count == 1 && found[0].Detail.Contains(moveNumber, StringComparison.Ordinal),
            $"expected one {rule} on {moveNumber}, found: {string.Join("; ", violations.Select(v => $"{v.Rule} {v.Detail}"))}");
    }

    [Fact]
    public async Task Valued_moves_with_their_entries_pass_and_a_cleared_entry_number_fails_with_move_entry_missing()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var (_, _, delivery) = await MoveStockAsync(wh);
        Assert.Empty(await StockViolationsAsync(wh.CompanyId));

        await TamperAsync("UPDATE {moves} SET entry_number = NULL WHERE id = {0}", delivery.GetProperty("id").GetGuid());

        AssertOnly(await StockViolationsAsync(wh.CompanyId), "move_entry_missing", delivery.GetProperty("number").GetString()!);
    }

    [Fact]
    public async Task A_move_whose_entry_is_deleted_fails_with_move_entry_not_posted()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var (receipt, _, _) = await MoveStockAsync(wh);
        Assert.Empty(await StockViolationsAsync(wh.CompanyId));

        await TamperAsync("DELETE FROM {entries} WHERE company_id = {0} AND number = {1}", wh.CompanyId, receipt.GetProperty("entryNumber").GetString()!);

        var violations = await StockViolationsAsync(wh.CompanyId);
        AssertOnly(violations, "move_entry_not_posted", receipt.GetProperty("number").GetString()!);
        Assert.DoesNotContain(violations, v => v.Rule == "move_entry_missing");
    }

    [Fact]
    public async Task A_move_whose_entry_is_set_back_to_draft_fails_with_move_entry_not_posted()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var (_, _, delivery) = await MoveStockAsync(wh);
        Assert.Empty(await StockViolationsAsync(wh.CompanyId));

        await TamperAsync("UPDATE {entries} SET status = 'Draft' WHERE company_id = {0} AND number = {1}", wh.CompanyId, delivery.GetProperty("entryNumber").GetString()!);

        AssertOnly(await StockViolationsAsync(wh.CompanyId), "move_entry_not_posted", delivery.GetProperty("number").GetString()!);
    }

    [Fact]
    public async Task A_move_naming_another_companys_entry_fails_with_move_entry_not_posted()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var (receipt, _, _) = await MoveStockAsync(wh);
        var other = await InventoryClient.NewCompanyAsync(server);
        var (elsewhere, _, _) = await MoveStockAsync(other);
        Assert.Empty(await StockViolationsAsync(wh.CompanyId));

        // A number that exists only in the other company.
        await TamperAsync("UPDATE {entries} SET number = 'JE-ELSEWHERE' WHERE company_id = {0} AND number = {1}", other.CompanyId, elsewhere.GetProperty("entryNumber").GetString()!);
        await TamperAsync("UPDATE {moves} SET entry_number = 'JE-ELSEWHERE' WHERE id = {0}", receipt.GetProperty("id").GetGuid());

        AssertOnly(await StockViolationsAsync(wh.CompanyId), "move_entry_not_posted", receipt.GetProperty("number").GetString()!);
    }
}

public sealed class MoveEntryCheckOnSqlite(SqliteServer server) : MoveEntryCheckTests(server), IClassFixture<SqliteServer>;

public sealed class MoveEntryCheckOnPostgres(PostgresServer server) : MoveEntryCheckTests(server), IClassFixture<PostgresServer>;
