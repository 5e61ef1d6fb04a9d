using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bogus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Tandem.Host;
using Tandem.Parties.Data;
using Tandem.Platform;
using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;
using Tandem.Testing;

namespace Tandem.Bench;

/// <summary>
/// The list screens on a large table: loads N parties into the demo company, then times the party list API
/// (GET /api/v1/parties, 50 rows, sorted by name) at the first page, the middle and the end, against
/// OFFSET paging at the same depth measured in the same run.
/// Usage: grid [--provider sqlite|postgres] [--rows 1000000] [--runs 15]
/// </summary>
internal static class GridBenchmark
{
    private const int PageSize = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Bench.Provider(args);
        var rows = Bench.Int(args, "--rows", 1_000_000);
        var runs = Bench.Int(args, "--runs", 15);

        await using var server = await BenchServer.CreateAsync(provider);
        if (server is null)
            return 2;
        var app = server.App;
        var company = server.CompanyId;
        var connection = server.ConnectionString;

        var load = Stopwatch.StartNew();
        await LoadPartiesAsync(provider, connection, company, rows);
        load.Stop();
        Console.WriteLine($"Loaded {rows:N0} parties on {provider} in {load.Elapsed.TotalSeconds:F1} s");

        await server.StartAsync();
        var client = server.Client;

        var results = new List<Measurement>();
        foreach (var (label, depth) in new[] { ("first page", 0), ("middle", rows / 2), ("last page", rows - PageSize) })
        {
            var cursor = depth == 0 ? null : await CursorAtAsync(app.Services, company, depth);
            var keyset = await Bench.MedianAsync(runs, async () =>
            {
                var response = await client.GetAsync("/api/v1/parties?limit=50&sort=name" + (cursor is null ? "" : "&after=" + cursor));
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            var keysetQuery = await Bench.MedianAsync(runs, () => KeysetPageAsync(app.Services, company, cursor));
            var offset = await Bench.MedianAsync(Math.Min(runs, 5), () => OffsetPageAsync(app.Services, company, depth));
            results.Add(new Measurement(label, depth, keyset, keysetQuery, offset));
        }

        Console.WriteLine();
        Console.WriteLine($"Party list, {rows:N0} rows, {provider}, page of {PageSize}, median of {runs} (offset: of {Math.Min(runs, 5)})");
        Console.WriteLine("| position | row offset | API over HTTP, keyset (ms) | query, keyset (ms) | query, OFFSET (ms) | OFFSET / keyset |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var m in results)
            Console.WriteLine($"| {m.Position} | {m.Depth:N0} | {m.ApiMs:F1} | {m.KeysetMs:F1} | {m.OffsetMs:F1} | {m.OffsetMs / m.KeysetMs:F1}× |");

        var file = await Bench.WriteResultAsync($"grid-{provider.ToString().ToLowerInvariant()}-{rows}", new { provider = provider.ToString(), rows, runs, pageSize = PageSize, results });
        Console.WriteLine($"Results written to {file}");
        return 0;
    }

    private sealed record Measurement(string Position, int Depth, double ApiMs, double KeysetMs, double OffsetMs);

    private static async Task KeysetPageAsync(IServiceProvider services, Guid company, string? cursor)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem(company);
        var query = scope.ServiceProvider.GetRequiredService<Tandem.Parties.Features.ListParties.ListPartiesQuery>();
        var page = await query.HandleAsync(new Tandem.Parties.Features.ListParties.PartyFilter(), new Tandem.Platform.Api.PageRequest(PageSize, cursor, "name"), CancellationToken.None);
        if (!page.IsSuccess || page.Value.Items.Count == 0)
            throw new InvalidOperationException("The keyset page came back empty.");
    }

    /// <summary>The cursor the API would have handed out for the row just before <paramref name="depth"/>.</summary>
    private static async Task<string> CursorAtAsync(IServiceProvider services, Guid company, int depth)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem(company);
        var db = scope.ServiceProvider.GetRequiredService<PartiesDb>();
        var row = await db.Parties.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id).Skip(depth - 1).Select(p => new { p.Name, p.Id }).FirstAsync();
        var json = JsonSerializer.SerializeToUtf8Bytes(new { S = "name", K = row.Name, I = row.Id });
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static async Task OffsetPageAsync(IServiceProvider services, Guid company, int depth)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem(company);
        var db = scope.ServiceProvider.GetRequiredService<PartiesDb>();
        await db.Parties.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id).Skip(depth).Take(PageSize).Select(p => new { p.Id, p.Name, p.Number }).ToListAsync();
    }

    /// <summary>Bulk rows that satisfy the same rules the register handler enforces (unique numbers, normalised fields).</summary>
    private static async Task LoadPartiesAsync(DatabaseProvider provider, string connection, Guid company, int rows)
    {
        var faker = new Faker { Random = new Randomizer(20261123) };
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        IEnumerable<object[]> Rows()
        {
            for (var i = 1; i <= rows; i++)
            {
                var organisation = i % 4 != 0;
                var name = organisation ? faker.Company.CompanyName() : faker.Name.FullName();
                yield return
                [
                    Guid.CreateVersion7(), company, $"B{i:D7}", organisation ? "Organisation" : "Person", name,
                    $"contact{i}@{faker.Internet.DomainName()}".ToLowerInvariant(), i % 3 != 0, i % 5 == 0, start.AddMinutes(i),
                ];
            }
        }

        if (provider == DatabaseProvider.Postgres)
        {
            await using var pg = new NpgsqlConnection(connection);
            await pg.OpenAsync();
            await CopyAsync(pg, Rows());
            await using var analyze = new NpgsqlCommand("ANALYZE parties.party", pg);
            await analyze.ExecuteNonQueryAsync();
            return;
        }

        await using var sqlite = new SqliteConnection(connection);
        await sqlite.OpenAsync();
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO parties_party (id, company_id, number, kind, name, email, is_customer, is_supplier, created_at, version) " +
                             "VALUES ($id, $company, $number, $kind, $name, $email, $customer, $supplier, $created, 0)";
        var parameters = new[] { "$id", "$company", "$number", "$kind", "$name", "$email", "$customer", "$supplier", "$created" }
            .Select(n => insert.Parameters.Add(n, n is "$customer" or "$supplier" or "$created" ? SqliteType.Integer : SqliteType.Text)).ToArray();
        foreach (var row in Rows())
        {
            // Tandem's SQLite mapping: GUIDs as upper-case text, instants as UTC ticks, booleans as 0/1.
            parameters[0].Value = ((Guid)row[0]).ToString().ToUpperInvariant();
            parameters[1].Value = ((Guid)row[1]).ToString().ToUpperInvariant();
            parameters[2].Value = row[2];
            parameters[3].Value = row[3];
            parameters[4].Value = row[4];
            parameters[5].Value = row[5];
            parameters[6].Value = (bool)row[6] ? 1 : 0;
            parameters[7].Value = (bool)row[7] ? 1 : 0;
            parameters[8].Value = ((DateTimeOffset)row[8]).UtcTicks;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        await using var analyzeSqlite = sqlite.CreateCommand();
        analyzeSqlite.CommandText = "ANALYZE";
        await analyzeSqlite.ExecuteNonQueryAsync();
    }

    private static async Task CopyAsync(NpgsqlConnection pg, IEnumerable<object[]> rows)
    {
        await using var import = await pg.BeginBinaryImportAsync(
            "COPY parties.party (id, company_id, number, kind, name, email, is_customer, is_supplier, created_at, version) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await import.StartRowAsync();
            await import.WriteAsync((Guid)row[0], NpgsqlDbType.Uuid);
            await import.WriteAsync((Guid)row[1], NpgsqlDbType.Uuid);
            for (var column = 2; column <= 5; column++)
                await import.WriteAsync((string)row[column], NpgsqlDbType.Varchar);
            await import.WriteAsync((bool)row[6], NpgsqlDbType.Boolean);
            await import.WriteAsync((bool)row[7], NpgsqlDbType.Boolean);
            await import.WriteAsync((DateTimeOffset)row[8], NpgsqlDbType.TimestampTz);
            await import.WriteAsync(0L, NpgsqlDbType.Bigint);
        }
        await import.CompleteAsync();
    }
}
