using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tandem.Host.Cli;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Backup;

/// <summary>
/// The backup commands of the administration guide, run for real: the copy of a demo database restores, every
/// consistency check passes on it, the audit chains verify, and it holds what the original held.
/// </summary>
// Both seed whole databases through the command line; run one after the other rather than beside each other.
[Collection("Command line seeding")]
public sealed class BackupRestoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the demo holds: parties, journal entries and stock moves, with the schema's (or SQLite's table) prefixes.</summary>
    private static string Counts(string parties, string accounting, string inventory) =>
        $"SELECT (SELECT count(*) FROM {parties}party) || '/' || (SELECT count(*) FROM {accounting}journal_entry) || '/' || (SELECT count(*) FROM {inventory}stock_move)";

    [Fact]
    public async Task A_SQLite_online_backup_restores_by_copying_the_file_and_passes_every_check()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-backup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var original = Path.Combine(folder, "tandem.db");
            var copy = Path.Combine(folder, "backups", "tandem-copy.db");
            string[] Database(string file) => [$"--ConnectionStrings:Tandem=Data Source={file}", "--Logging:LogLevel:Default=Warning"];

            await HostCommands.ExpectAsync(0, ["seed", "demo", .. Database(original)]);
            await HostCommands.ExpectAsync(0, ["backup", copy, .. Database(original)]);
            // A second backup to the same file is refused rather than overwriting it.
            await HostCommands.ExpectAsync(2, ["backup", copy, .. Database(original)]);

            await HostCommands.ExpectAsync(0, ["check", "all", .. Database(copy)]);
            await HostCommands.ExpectAsync(0, ["audit", "verify", .. Database(copy)]);
            var counts = Counts("parties_", "accounting_", "inventory_");
            Assert.Equal(await SqliteScalarAsync(original, counts), await SqliteScalarAsync(copy, counts));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_PostgreSQL_dump_restores_into_a_new_database_and_passes_every_check()
    {
        if (!PostgresCluster.Shared.IsAvailable)
        {
            Assert.False(PostgresCluster.Required, PostgresCluster.Shared.UnavailableReason);
            Assert.Skip("*** PostgreSQL is not available here: " + PostgresCluster.Shared.UnavailableReason);
        }
        var cluster = PostgresCluster.Shared;
        var original = await cluster.CreateDatabaseAsync("backup");
        var restored = await cluster.CreateDatabaseAsync("restored");
        string[] Database(string connection) => ["--Tandem:Database:Provider=Postgres", $"--ConnectionStrings:Tandem={connection}", "--Logging:LogLevel:Default=Warning"];
        await HostCommands.ExpectAsync(0, ["seed", "demo", .. Database(original)]);
        // The PostgreSQL command refuses and names pg_dump instead.
        await HostCommands.ExpectAsync(2, ["backup", Path.Combine(Path.GetTempPath(), "never.db"), .. Database(original)]);

        var dump = Path.Combine(Path.GetTempPath(), $"tandem-{Guid.NewGuid():N}.dump");
        try
        {
            // The commands of the administration guide, with this cluster's address.
            string[] address = ["--host=127.0.0.1", $"--port={cluster.Port}", "--username=postgres"];
            await RunAsync(Path.Combine(cluster.Binaries!, "pg_dump"), [.. address, "--format=custom", $"--file={dump}", Name(original)]);
            await RunAsync(Path.Combine(cluster.Binaries!, "pg_restore"), [.. address, "--no-owner", $"--dbname={Name(restored)}", dump]);
        }
        finally
        {
            File.Delete(dump);
        }

        await HostCommands.ExpectAsync(0, ["check", "all", .. Database(restored)]);
        await HostCommands.ExpectAsync(0, ["audit", "verify", .. Database(restored)]);
        var counts = Counts("parties.", "accounting.", "inventory.");
        Assert.Equal(await PostgresScalarAsync(original, counts), await PostgresScalarAsync(restored, counts));
    }

    private static string Name(string connection) => new NpgsqlConnectionStringBuilder(connection).Database!;

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}");
    }

    private static async Task<string> SqliteScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = new SqliteCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<string> PostgresScalarAsync(string connection, string sql)
    {
        await using var pg = new NpgsqlConnection(connection);
        await pg.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, pg);
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
