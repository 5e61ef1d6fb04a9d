using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Bogus;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Tandem.Platform.Persistence;

namespace Tandem.Bench;

/// <summary>
/// The global search on a large index: loads N notes and activities (subject plus a few sentences of text, as a
/// rep writes them) into the demo company's index, then times GET /api/v1/search for a reproducible mix of
/// queries: a customer's surname (rare), a product word (common), two words, and a four-letter prefix.
/// Usage: search [--provider sqlite|postgres] [--documents 1000000] [--runs 200] [--type party]
/// --type names the indexed record type; it must be one a module registers as searchable.
/// </summary>
internal static class SearchBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Bench.Provider(args);
        var documents = Bench.Int(args, "--documents", 1_000_000);
        var runs = Bench.Int(args, "--runs", 200);
        var type = Bench.Option(args, "--type", "party");

        await using var server = await BenchServer.CreateAsync(provider);
        if (server is null)
            return 2;
        var vocabulary = new Vocabulary();
        var load = System.Diagnostics.Stopwatch.StartNew();
        await LoadAsync(server, type, documents, vocabulary);
        Console.WriteLine($"Indexed {documents:N0} documents on {provider} in {load.Elapsed.TotalSeconds:F1} s");
        await server.StartAsync();

        var random = new Random(20261123);
        var kinds = new[] { "surname", "product word", "two words", "prefix" };
        var byKind = kinds.ToDictionary(k => k, _ => new List<double>());
        var hitCounts = new List<int>();
        var all = await Bench.TimesAsync(runs, async run =>
        {
            var kind = kinds[Math.Abs(run) % kinds.Length];
            var q = kind switch
            {
                "surname" => vocabulary.Surnames[random.Next(vocabulary.Surnames.Count)],
                "product word" => vocabulary.ProductWords[random.Next(vocabulary.ProductWords.Count)],
                "two words" => vocabulary.Surnames[random.Next(vocabulary.Surnames.Count)] + " " + vocabulary.ProductWords[random.Next(vocabulary.ProductWords.Count)],
                _ => Prefix(vocabulary.Surnames[random.Next(vocabulary.Surnames.Count)]),
            };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await server.Client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}&limit=20");
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (run >= 0)
            {
                byKind[kind].Add(watch.Elapsed.TotalMilliseconds);
                hitCounts.Add(body.GetProperty("items").GetArrayLength());
            }
        });

        Console.WriteLine();
        Console.WriteLine($"Search, {documents:N0} indexed documents, {provider}, {runs} queries, one client, 20 results per query");
        Console.WriteLine("| queries | count | p50 (ms) | p95 (ms) | p99 (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| all | {all.Count} | {Bench.Percentile(all, 50):F1} | {Bench.Percentile(all, 95):F1} | {Bench.Percentile(all, 99):F1} |");
        foreach (var (kind, times) in byKind)
        {
            times.Sort();
            Console.WriteLine($"| {kind} | {times.Count} | {Bench.Percentile(times, 50):F1} | {Bench.Percentile(times, 95):F1} | {Bench.Percentile(times, 99):F1} |");
        }
        Console.WriteLine($"Queries with at least one result: {hitCounts.Count(c => c > 0)} of {hitCounts.Count}");

        var file = await Bench.WriteResultAsync($"search-{provider.ToString().ToLowerInvariant()}-{documents}", new
        {
            provider = provider.ToString(), documents, runs,
            all = new { p50 = Bench.Percentile(all, 50), p95 = Bench.Percentile(all, 95), p99 = Bench.Percentile(all, 99) },
            byKind = byKind.ToDictionary(k => k.Key, k => new { p50 = Bench.Percentile(k.Value, 50), p95 = Bench.Percentile(k.Value, 95) }),
        });
        Console.WriteLine($"Results written to {file}");

        if (args.Contains("--explain") && provider == DatabaseProvider.Postgres)
            await ExplainAsync(server, vocabulary);
        return 0;
    }

    /// <summary>The plan and timing of the search query for one word of each kind, to see where the time goes.</summary>
    private static async Task ExplainAsync(BenchServer server, Vocabulary vocabulary)
    {
        await using var pg = new NpgsqlConnection(server.ConnectionString);
        await pg.OpenAsync();
        foreach (var q in new[] { vocabulary.Surnames[0], vocabulary.ProductWords[0], Prefix(vocabulary.Surnames[1]) + ":*" })
        {
            await using var explain = new NpgsqlCommand(
                "EXPLAIN (ANALYZE, BUFFERS) " + Tandem.Platform.Search.GlobalSearch.PostgresRanking("@t0"), pg);
            explain.Parameters.AddWithValue("q", q);
            explain.Parameters.AddWithValue("company", server.CompanyId);
            explain.Parameters.AddWithValue("t0", "party");
            Console.WriteLine($"--- {q}");
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine(reader.GetString(0));
        }
    }

    private static string Prefix(string word) => word[..Math.Min(4, word.Length)];

    /// <summary>Words the queries draw from, collected while generating so that most queries find something.</summary>
    private sealed class Vocabulary
    {
        public List<string> Surnames { get; } = [];
        public List<string> ProductWords { get; } = [];
    }

    private static IEnumerable<(Guid Id, string Title, string Subtitle, string Body)> Documents(int count, Vocabulary vocabulary)
    {
        var faker = new Faker { Random = new Randomizer(20261123) };
        var subjects = new[] { "Call with", "Meeting with", "Email to", "Follow up with", "Note on", "Demo for" };
        for (var i = 0; i < count; i++)
        {
            var surname = faker.Name.LastName();
            var product = faker.Commerce.ProductName();
            if (i % 1000 == 0)
            {
                vocabulary.Surnames.Add(surname.ToLowerInvariant());
                vocabulary.ProductWords.Add(product.Split(' ')[^1].ToLowerInvariant());
            }
            var title = $"{subjects[i % subjects.Length]} {faker.Name.FirstName()} {surname}";
            var subtitle = faker.Company.CompanyName();
            var body = $"{faker.Rant.Review(product)} {faker.Company.CatchPhrase()}. Next step: {faker.Hacker.Phrase()}";
            yield return (Guid.CreateVersion7(), title, subtitle, body);
        }
    }

    private static async Task LoadAsync(BenchServer server, string type, int count, Vocabulary vocabulary)
    {
        var now = DateTime.UtcNow;
        if (server.Provider == DatabaseProvider.Postgres)
        {
            await using var pg = new NpgsqlConnection(server.ConnectionString);
            await pg.OpenAsync();
            await using (var import = await pg.BeginBinaryImportAsync(
                "COPY search.documents (company_id, type, record_id, title, subtitle, body, url, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (id, title, subtitle, body) in Documents(count, vocabulary))
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(server.CompanyId, NpgsqlDbType.Uuid);
                    await import.WriteAsync(type, NpgsqlDbType.Varchar);
                    await import.WriteAsync(id, NpgsqlDbType.Uuid);
                    await import.WriteAsync(title, NpgsqlDbType.Varchar);
                    await import.WriteAsync(subtitle, NpgsqlDbType.Varchar);
                    await import.WriteAsync(body, NpgsqlDbType.Text);
                    await import.WriteAsync($"/{type}/{id}", NpgsqlDbType.Varchar);
                    await import.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }
                await import.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE search.documents", pg);
            await analyze.ExecuteNonQueryAsync();
            return;
        }

        await using var sqlite = new SqliteConnection(server.ConnectionString);
        await sqlite.OpenAsync();
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO search_documents (company_id, type, record_id, title, subtitle, body, url, updated_at) " +
                             "VALUES ($company, $type, $id, $title, $subtitle, $body, $url, $now)";
        var parameters = new[] { "$company", "$type", "$id", "$title", "$subtitle", "$body", "$url", "$now" }
            .Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        parameters[0].Value = server.CompanyId.ToString().ToUpperInvariant();
        parameters[1].Value = type;
        parameters[7].Value = now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        foreach (var (id, title, subtitle, body) in Documents(count, vocabulary))
        {
            parameters[2].Value = id.ToString().ToUpperInvariant();
            parameters[3].Value = title;
            parameters[4].Value = subtitle;
            parameters[5].Value = body;
            parameters[6].Value = $"/{type}/{id}";
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
