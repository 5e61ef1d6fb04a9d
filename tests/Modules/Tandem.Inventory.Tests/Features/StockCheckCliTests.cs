using Tandem.Testing;
using Microsoft.Data.Sqlite;
using Tandem.Host.Cli;

namespace Tandem.Inventory.Tests.Features;

/// <summary><c>check stock</c> on the command line: silent on the demo stock, non-zero once an on-hand row is tampered with.</summary>
public sealed class StockCheckCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-stock-" + Guid.NewGuid().ToString("N"));

    public StockCheckCliTests() => Directory.CreateDirectory(_folder);

    private string File => Path.Combine(_folder, "t.db");

    private string[] Database => [$"--ConnectionStrings:Tandem=Data Source={File}", "--Logging:LogLevel:Default=Warning"];

    [Fact]
    public async Task Check_stock_passes_on_the_demo_stock_and_fails_after_an_on_hand_row_is_tampered_with()
    {
        await HostCommands.ExpectAsync(0, ["seed", "demo", .. Database]);
        await HostCommands.ExpectAsync(0, ["check", "stock", .. Database]);
        await HostCommands.ExpectAsync(0, ["check", "all", .. Database]);

        await using (var connection = new SqliteConnection($"Data Source={File}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var tamper = connection.CreateCommand();
            // One more piece on one on-hand row (quantities are stored as 10^-4 units).
            tamper.CommandText = "UPDATE inventory_stock_quant SET quantity = quantity + 10000 WHERE rowid = (SELECT min(rowid) FROM inventory_stock_quant)";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        await HostCommands.ExpectAsync(1, ["check", "stock", .. Database]);
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
