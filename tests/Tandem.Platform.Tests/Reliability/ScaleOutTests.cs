using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Tandem.Host.Cli;
using Tandem.Platform.Tests.Outbox;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Reliability;

/// <summary>
/// Two server processes' worth of nodes on one PostgreSQL database, driven round robin by eight concurrent clients
/// that post journal entries, register parties and reserve scarce stock at once: no number is taken twice or skipped,
/// no more stock is reserved than there is, every consistency check passes afterwards, and the webhook deliverers of
/// both nodes, polling the same rows, send each party's registration to the receiver exactly once.
/// </summary>
public sealed class ScaleOutTests(ScaleOutPostgresServer first) : IClassFixture<ScaleOutPostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_nodes_under_concurrent_load_keep_numbers_gap_free_stock_unoversold_and_the_books_consistent()
    {
        first.Anonymous().Dispose(); // skips loudly when PostgreSQL is missing
        await using var second = new SecondPostgresNode(first.ConnectionString, ScaleOutPostgresServer.WebhookArguments);
        await second.InitializeAsync();
        var company = first.DemoCompanyId;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var admin = await first.AdminClient();
        await using var receiver = await TestWebhookReceiver.StartAsync();
        var hook = await ReliabilityWebhooks.SubscribeAsync(admin, receiver, "party.registered");
        var parties = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var accounts = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts", Ct)).EnumerateArray()
            .ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("id").GetGuid());
        var warehouse = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/inventory/warehouses", Ct))[0].GetProperty("id").GetGuid();
        var product = await Created(await admin.PostAsJsonAsync("/api/v1/catalog/products",
            new { sku = "SCALE-" + Guid.NewGuid().ToString("N")[..6], name = "Scale-out scarce part", kind = "goods", unit = "pc", listPrice = Eur(10m) }, Ct));
        await Created(await admin.PostAsJsonAsync("/api/v1/inventory/moves",
            new { kind = "receipt", productId = product, quantity = 5, warehouseId = warehouse, unitCost = Eur(4m), done = true }, Ct));

        // Eight clients, alternately on each node, each a user of its own with the roles the work needs.
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            TandemServer node = i % 2 == 0 ? first : second;
            var (email, password) = await first.CreateUserAsync(["accountant", "warehouse"]);
            clients.Add(await node.ClientFor(email, password));
        }
        using var start = new SemaphoreSlim(0);
        var work = clients.Select(async (http, c) =>
        {
            await start.WaitAsync(Ct);
            var reserved = 0;
            for (var i = 0; i < 10; i++)
            {
                var entry = await http.PostAsJsonAsync("/api/v1/accounting/journal-entries?post=true", new
                {
                    date = today, description = $"Scale-out {c}-{i}",
                    lines = new object[]
                    {
                        new { accountId = accounts["6300"], debit = Eur(10m + i) },
                        new { accountId = accounts["1000"], credit = Eur(10m + i) },
                    },
                }, Ct);
                Assert.True(entry.StatusCode == HttpStatusCode.Created, await entry.Content.ReadAsStringAsync(Ct));
                var party = await http.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name = $"Scale-out Trading {c}-{i}" }, Ct);
                Assert.True(party.StatusCode == HttpStatusCode.Created, await party.Content.ReadAsStringAsync(Ct));
                parties.Add((await party.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
                if (i < 2)
                {
                    var delivery = await http.PostAsJsonAsync("/api/v1/inventory/moves",
                        new { kind = "delivery", productId = product, quantity = 1, warehouseId = warehouse, reserve = true }, Ct);
                    Assert.True(delivery.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await delivery.Content.ReadAsStringAsync(Ct));
                    reserved += delivery.StatusCode == HttpStatusCode.Created ? 1 : 0;
                }
            }
            return reserved;
        }).ToList();
        start.Release(clients.Count);
        var reservations = await Task.WhenAll(work);
        foreach (var client in clients)
            client.Dispose();

        // 16 attempts at 1 piece of the 5 on hand: exactly 5 reserved, whichever node took them.
        Assert.Equal(5, reservations.Sum());
        await using var pg = new NpgsqlConnection(first.ConnectionString);
        await pg.OpenAsync(Ct);
        // Posted entry numbers per year and party numbers: as many distinct numbers as rows, the highest equal to the count.
        foreach (var (table, filter) in new[] { ("accounting.journal_entry", "number IS NOT NULL"), ("parties.party", "true") })
        {
            await using var command = new NpgsqlCommand(
                $$"""
                SELECT count(*) = count(DISTINCT number) AND count(*) = max(substring(number FROM '([0-9]+)$')::bigint)
                FROM {{table}} WHERE company_id = @c AND {{filter}}
                GROUP BY substring(number FROM '^[A-Z]*([0-9]{4})-')
                """, pg);
            command.Parameters.AddWithValue("c", company);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            var groups = 0;
            while (await reader.ReadAsync(Ct))
            {
                Assert.True(reader.GetBoolean(0), $"{table}: numbers are duplicated or have gaps");
                groups++;
            }
            Assert.True(groups > 0, $"{table}: no numbered rows");
        }
        await HostCommands.ExpectAsync(0, ["check", "all", "--Tandem:Database:Provider=Postgres", $"--ConnectionStrings:Tandem={first.ConnectionString}",
            "--Logging:LogLevel:Default=Warning"]);

        // Both nodes deliver webhooks from the same table; the claim keeps them apart, so no event is sent twice.
        await ReliabilityWebhooks.WaitUntilDeliveredAsync(pg, receiver, hook, parties, TimeSpan.FromSeconds(60));
        var report = ReliabilityWebhooks.AssertEachEventOnceAndIntact(receiver, hook, parties);
        Assert.Equal(80, parties.Count);
        Assert.True(report.Redeliveries == 0, $"{report.Redeliveries} events were delivered more than once by the two nodes.");
        Assert.Equal(report.Events, report.Requests);
        await using (var nodes = new NpgsqlCommand(
                         "SELECT count(DISTINCT locked_by) FROM platform.webhook_deliveries WHERE subscription_id = @s AND status = 'delivered'", pg))
        {
            nodes.Parameters.AddWithValue("s", hook.Id);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Webhooks on two nodes: {report.Events} events, {report.Requests} requests, delivered by {await nodes.ExecuteScalarAsync(Ct)} deliverers.");
        }
    }

    private static object Eur(decimal amount) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency = "EUR" };

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}

/// <summary>The first node of the scale-out test, its webhook deliverer polling often and in small batches so both nodes contend for rows.</summary>
public sealed class ScaleOutPostgresServer : PostgresServer
{
    public static readonly string[] WebhookArguments = ["--Tandem:Webhooks:PollInterval=00:00:00.100", "--Tandem:Webhooks:BatchSize=3"];

    protected override IEnumerable<string> ExtraArguments => WebhookArguments;
}
