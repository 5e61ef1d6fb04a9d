using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Persistence;
using Tandem.Sales.Data;
using Tandem.Sales.Features.Credit;
using Tandem.Testing;

namespace Tandem.Sales.Tests.Features;

/// <summary>The credit check's sum of a customer's committed orders is one grouped query that an index serves.</summary>
public abstract class CreditQueryPlanTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_uninvoiced_orders_of_a_customer_are_summed_per_currency_through_an_index()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-Q", 100m, stock: 10, cost: 60m);
        var order = await rep.OrderAsync((bike, 2m, 0m, false));
        await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/confirm", new { }, HttpStatusCode.OK);

        await using var scope = server.ScopeFor(rep.CompanyId);
        var db = scope.ServiceProvider.GetRequiredService<SalesDb>();
        var query = CreditCheck.UninvoicedQuery(db, rep.CustomerId);
        var row = Assert.Single(await query.ToListAsync(Ct));
        Assert.Equal(("EUR", 200m, 0m), (row.Currency.Value, row.Total, row.Invoiced));

        var postgres = server.Provider == DatabaseProvider.Postgres;
        await using var command = query.CreateDbCommand();
        // The statuses reach the SQL as constants, which a filtered index can be matched against.
        Assert.Contains("IN ('Confirmed', 'PartiallyDelivered', 'Delivered')", command.CommandText, StringComparison.Ordinal);
        await db.Database.OpenConnectionAsync(Ct);
        if (postgres)
        {
            // Few rows make a table scan cheapest; with it off, the plan shows which index the planner can use.
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) sales.sales_order", Ct);
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Ct);
        }
        command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        var plan = await ReadAsync(command);
        if (postgres)
        {
            await db.Database.ExecuteSqlRawAsync("RESET enable_seqscan", Ct);
            Assert.Contains("Index Only Scan using ix_sales_order_committed", plan, StringComparison.Ordinal);
        }
        else
        {
            Assert.Matches("USING (COVERING )?INDEX \\S*company_id_party_id_status", plan);
        }
    }

    private static async Task<string> ReadAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
            lines.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        return string.Join("\n", lines);
    }
}

public sealed class CreditQueryPlanTestsOnSqlite(SqliteServer server) : CreditQueryPlanTests(server), IClassFixture<SqliteServer>;

public sealed class CreditQueryPlanTestsOnPostgres(PostgresServer server) : CreditQueryPlanTests(server), IClassFixture<PostgresServer>;
