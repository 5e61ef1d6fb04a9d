using Bogus;
using Npgsql;
using NpgsqlTypes;
using Tandem.Platform.Search;

namespace Tandem.Platform.Seeding;

/// <summary>How much <c>seed bench</c> loads; each module reads the sizes that concern it.</summary>
public sealed record BenchDataSize(
    int Customers = 100_000,
    int Opportunities = 100_000,
    int Activities = 1_000_000,
    int Invoices = 1_000_000,
    long JournalLines = 10_000_000,
    int Reps = 20,
    int Products = 10_000,
    long StockMoves = 5_000_000,
    int Orders = 0,
    int PurchaseOrders = 0,
    int Payments = 0);

/// <summary>
/// A module's share of the benchmark dataset. Datasets run in <see cref="Order"/> on one PostgreSQL connection and
/// write rows that satisfy the same invariants the module's own handlers keep (the consistency checks must pass on
/// the result), by binary COPY or set-based SQL, because a million rows through the API would take hours.
/// </summary>
public interface IBenchDataset
{
    string Name { get; }

    /// <summary>Parties load before the modules that refer to them.</summary>
    int Order { get; }

    Task LoadAsync(BenchDataContext context, CancellationToken ct);
}

/// <summary>What the datasets share: the company, the sizes, one seeded faker, and the records earlier datasets made.</summary>
public sealed class BenchDataContext(
    NpgsqlConnection connection, Guid companyId, BenchDataSize size, int seed, TimeProvider clock, Action<string> log,
    Func<string, int, long, CancellationToken, Task<long>> reserveNumbers)
{
    public NpgsqlConnection Connection { get; } = connection;
    public Guid CompanyId { get; } = companyId;
    public BenchDataSize Size { get; } = size;
    public int Seed { get; } = seed;
    public TimeProvider Clock { get; } = clock;

    /// <summary>Seeded once, so the same command line gives the same data.</summary>
    public Faker Faker { get; } = new() { Random = new Randomizer(seed) };

    /// <summary>Organisation parties with the customer role, in load order.</summary>
    public List<Guid> Customers { get; } = [];

    /// <summary>Customers that are suppliers too, chosen when purchase orders are loaded; a subset of <see cref="Customers"/>.</summary>
    public List<Guid> Suppliers { get; } = [];

    /// <summary>Person parties, one or more per customer (<see cref="PersonEmployer"/> says whose).</summary>
    public List<Guid> People { get; } = [];

    /// <summary>For each of <see cref="People"/>, the index into <see cref="Customers"/> of the organisation they work at.</summary>
    public List<int> PersonEmployer { get; } = [];

    /// <summary>The names of <see cref="Customers"/> and <see cref="People"/>, for records that show them.</summary>
    public Dictionary<Guid, string> PartyNames { get; } = [];

    /// <summary>Stocked goods in the catalog, in load order.</summary>
    public List<Guid> Products { get; } = [];

    /// <summary>Users with the sales rep role who own the CRM records.</summary>
    public List<Guid> Reps { get; } = [];

    public void Log(string message) => log(message);

    /// <summary>Whether the connection may skip foreign-key triggers (a superuser's); decided once by the seeder.</summary>
    public bool TriggersOff { get; set; }

    /// <summary><paramref name="count"/> distinct-enough values from the faker, for SQL to pick from by row number.</summary>
    public string[] Pool(int count, Func<Faker, string> make) => Enumerable.Range(0, count).Select(_ => make(Faker)).ToArray();

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, Connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs the statements in one transaction, each with the parameters it names.</summary>
    public async Task ExecuteAllAsync(IEnumerable<string> statements, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var transaction = await BeginAsync(ct);
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, Connection, transaction) { CommandTimeout = 0 };
            foreach (var (name, value) in parameters.Where(p => sql.Contains("@" + p.Name, StringComparison.Ordinal)))
                command.Parameters.AddWithValue(name, value);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await command.ExecuteNonQueryAsync(ct);
            if (watch.Elapsed.TotalSeconds > 1)
                Log($"{watch.Elapsed.TotalSeconds:F1} s: {sql.Trim()[..Math.Min(60, sql.Trim().Length)]}");
        }
        await transaction.CommitAsync(ct);
    }

    private async Task<NpgsqlTransaction> BeginAsync(CancellationToken ct)
    {
        var transaction = await Connection.BeginTransactionAsync(ct);
        if (TriggersOff)
        {
            // Foreign keys are checked by per-row triggers; the datasets build their references from the rows they
            // just wrote, so a bulk load skips the triggers as pg_restore --disable-triggers does.
            await using var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", Connection, transaction);
            await replica.ExecuteNonQueryAsync(ct);
        }
        return transaction;
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, Connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Takes <paramref name="count"/> consecutive numbers of a document sequence at once, as that many calls of
    /// DocumentNumbers would, and returns the first; the sequence stays gap-free for the documents made after.
    /// </summary>
    public Task<long> ReserveNumbersAsync(string sequence, int fiscalYear, long count, CancellationToken ct) =>
        reserveNumbers(sequence, fiscalYear, count, ct);

    /// <summary>Adds the search documents of records a dataset loaded, cut to the lengths the live index keeps.</summary>
    public Task<long> IndexAsync(IEnumerable<SearchDocument> documents, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        return CopyAsync("search.documents", ["company_id", "type", "record_id", "title", "subtitle", "body", "url", "updated_at"],
            documents.Select(d => new object?[] { CompanyId, d.Type, d.Id, Cut(d.Title, 400) ?? "", Cut(d.Subtitle, 400), Cut(d.Body, 20_000), d.Url, now }), ct);

        static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
    }

    /// <summary>
    /// Binary COPY of <paramref name="rows"/> into <paramref name="table"/>. Values are written with the type their CLR
    /// type maps to (Guid uuid, string text, decimal numeric, DateOnly date, DateTimeOffset timestamptz, int, long, bool);
    /// a null is written as NULL.
    /// </summary>
    public async Task<long> CopyAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var transaction = await BeginAsync(ct);
        await using var import = await Connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await import.StartRowAsync(ct);
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await import.WriteNullAsync(ct); break;
                    case Guid v: await import.WriteAsync(v, NpgsqlDbType.Uuid, ct); break;
                    case string v: await import.WriteAsync(v, NpgsqlDbType.Text, ct); break;
                    case decimal v: await import.WriteAsync(v, NpgsqlDbType.Numeric, ct); break;
                    case DateOnly v: await import.WriteAsync(v, NpgsqlDbType.Date, ct); break;
                    case DateTimeOffset v: await import.WriteAsync(v.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct); break;
                    case int v: await import.WriteAsync(v, NpgsqlDbType.Integer, ct); break;
                    case long v: await import.WriteAsync(v, NpgsqlDbType.Bigint, ct); break;
                    case bool v: await import.WriteAsync(v, NpgsqlDbType.Boolean, ct); break;
                    case string[] v: await import.WriteAsync(v, NpgsqlDbType.Array | NpgsqlDbType.Text, ct); break;
                    case Guid[] v: await import.WriteAsync(v, NpgsqlDbType.Array | NpgsqlDbType.Uuid, ct); break;
                    default: throw new ArgumentException($"No COPY mapping for {value.GetType().Name} in {table}.");
                }
            }
        }
        var written = await import.CompleteAsync(ct);
        await import.CloseAsync(ct);
        await transaction.CommitAsync(ct);
        return (long)written;
    }
}
