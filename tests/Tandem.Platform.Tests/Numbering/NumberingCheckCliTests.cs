using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Numbering;

/// <summary>
/// <c>check numbering</c> and <c>check audit</c> on the command line, on both databases: silent on the demo company,
/// and each kind of break found by its rule — a number repeated, a number handed out that no document carries, a
/// number the sequence never handed out, and an audit row changed after the fact.
/// </summary>
[Collection("Command line seeding")]
public abstract class NumberingCheckCliTests
{
    protected abstract string[] Database { get; }

    /// <summary>The provider's name for a module table: <c>parties.party</c> or <c>parties_party</c>.</summary>
    protected abstract string Table(string schema, string table);

    /// <summary>The provider's name for a table's unique index of numbers per company.</summary>
    protected abstract string NumberIndex(string schema, string table);

    protected abstract Task<DbConnection> OpenAsync();

    [Fact]
    public async Task The_demo_passes_and_each_break_of_a_sequence_or_of_the_audit_trail_is_found_by_its_rule()
    {
        if (!await ReadyAsync())
            return;
        await HostCommands.ExpectAsync(0, ["seed", "demo", .. Database]);
        await HostCommands.ExpectAsync(0, ["check", "numbering", .. Database]);
        await HostCommands.ExpectAsync(0, ["check", "audit", .. Database]);
        await HostCommands.ExpectAsync(0, ["check", "all", .. Database]);

        // Two stock moves with one number (the unique index that forbids it dropped first): the number the second
        // one lost is a gap too.
        var moves = Table("inventory", "stock_move");
        await ExecuteAsync($"DROP INDEX {NumberIndex("inventory", "stock_move")}", changes: false);
        await ExecuteAsync($"UPDATE {moves} SET number = 'SM000001' WHERE number = 'SM000002'");
        var repeated = await HostCommands.ExpectAsync(1, ["check", "numbering", .. Database]);
        Assert.Contains("number_repeated: stock-move 0: SM000001", repeated, StringComparison.Ordinal);
        Assert.Contains("number_gap: stock-move 0: no document carries number 2 of", repeated, StringComparison.Ordinal);
        await ExecuteAsync($"UPDATE {moves} SET number = 'SM000002' WHERE id = (SELECT id FROM {moves} WHERE number = 'SM000001' ORDER BY id DESC LIMIT 1)");
        await HostCommands.ExpectAsync(0, ["check", "numbering", .. Database]);

        // A number handed out that no party carries: the counter moved on without a document.
        var sequences = Table("platform", "number_sequences");
        await ExecuteAsync($"UPDATE {sequences} SET next_value = next_value + 1 WHERE sequence = 'party'");
        Assert.Contains("number_gap: party 0", await HostCommands.ExpectAsync(1, ["check", "numbering", .. Database]), StringComparison.Ordinal);
        await ExecuteAsync($"UPDATE {sequences} SET next_value = next_value - 1 WHERE sequence = 'party'");

        // A party numbered past the counter, and one whose number is no party number at all.
        var parties = Table("parties", "party");
        await ExecuteAsync($"UPDATE {parties} SET number = 'P999999' WHERE number = 'P000001'");
        await ExecuteAsync($"UPDATE {parties} SET number = 'X-2' WHERE number = 'P000002'");
        var wrong = await HostCommands.ExpectAsync(1, ["check", "all", .. Database]);
        Assert.Contains("number_not_issued: P999999", wrong, StringComparison.Ordinal);
        Assert.Contains("number_unreadable: X-2", wrong, StringComparison.Ordinal);
        await ExecuteAsync($"UPDATE {parties} SET number = 'P000001' WHERE number = 'P999999'");
        await ExecuteAsync($"UPDATE {parties} SET number = 'P000002' WHERE number = 'X-2'");
        await HostCommands.ExpectAsync(0, ["check", "numbering", .. Database]);

        // An audit row whose recorded change was edited afterwards.
        var audit = Table("platform", "audit_log");
        await ExecuteAsync($"UPDATE {audit} SET changes = changes || ' ' WHERE id = (SELECT id FROM {audit} WHERE changes IS NOT NULL ORDER BY id LIMIT 1)");
        Assert.Contains("audit_hash_mismatch", await HostCommands.ExpectAsync(1, ["check", "audit", .. Database]), StringComparison.Ordinal);
        await HostCommands.ExpectAsync(1, ["check", "all", .. Database]);
    }

    protected virtual Task<bool> ReadyAsync() => Task.FromResult(true);

    private async Task ExecuteAsync(string sql, bool changes = true)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        Assert.True(!changes || rows >= 1, $"{sql} changed nothing");
    }
}

public sealed class NumberingCheckCliOnSqlite : NumberingCheckCliTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-numbering-" + Guid.NewGuid().ToString("N"));

    public NumberingCheckCliOnSqlite() => Directory.CreateDirectory(_folder);

    private string File => Path.Combine(_folder, "t.db");

    protected override string[] Database => [$"--ConnectionStrings:Tandem=Data Source={File}", "--Logging:LogLevel:Default=Warning"];

    protected override string Table(string schema, string table) => $"{schema}_{table}";

    protected override string NumberIndex(string schema, string table) => $"ix_{schema}_{table}_company_id_number";

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may outlive the test on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}

public sealed class NumberingCheckCliOnPostgres : NumberingCheckCliTests
{
    private string _connection = "";

    protected override string[] Database => ["--Tandem:Database:Provider=Postgres", $"--ConnectionStrings:Tandem={_connection}", "--Logging:LogLevel:Default=Warning"];

    protected override string Table(string schema, string table) => $"{schema}.{table}";

    protected override string NumberIndex(string schema, string table) => $"{schema}.ix_{table}_company_id_number";

    protected override async Task<bool> ReadyAsync()
    {
        if (!PostgresCluster.Shared.IsAvailable)
        {
            Assert.False(PostgresCluster.Required, PostgresCluster.Shared.UnavailableReason);
            Assert.Skip("*** PostgreSQL is not available here: " + PostgresCluster.Shared.UnavailableReason);
        }
        _connection = await PostgresCluster.Shared.CreateDatabaseAsync("numbering");
        return true;
    }

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connection);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
