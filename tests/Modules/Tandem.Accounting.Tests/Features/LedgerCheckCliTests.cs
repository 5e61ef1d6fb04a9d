using Tandem.Testing;
using Microsoft.Data.Sqlite;
using Tandem.Host.Cli;

namespace Tandem.Accounting.Tests.Features;

/// <summary><c>check ledger</c> on the command line: silent on a sound ledger, non-zero once a balance is tampered with.</summary>
public sealed class LedgerCheckCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-check-" + Guid.NewGuid().ToString("N"));

    public LedgerCheckCliTests() => Directory.CreateDirectory(_folder);

    private string File => Path.Combine(_folder, "t.db");

    private string[] Database => [$"--ConnectionStrings:Tandem=Data Source={File}", "--Logging:LogLevel:Default=Warning"];

    [Fact]
    public async Task Check_ledger_passes_on_the_demo_ledger_and_fails_after_a_balance_is_tampered_with()
    {
        await HostCommands.ExpectAsync(0, ["seed", "demo", .. Database]);
        await HostCommands.ExpectAsync(0, ["check", "ledger", .. Database]);
        await HostCommands.ExpectAsync(0, ["check", "all", .. Database]);

        await using (var connection = new SqliteConnection($"Data Source={File}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var tamper = connection.CreateCommand();
            // 1.00 more debit on one balance row (amounts are stored as 10^-4 units).
            tamper.CommandText = "UPDATE accounting_account_balance SET debit = debit + 10000 WHERE rowid = (SELECT min(rowid) FROM accounting_account_balance)";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        await HostCommands.ExpectAsync(1, ["check", "ledger", .. Database]);
        await HostCommands.ExpectAsync(1, ["check", "all", .. Database]);
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
