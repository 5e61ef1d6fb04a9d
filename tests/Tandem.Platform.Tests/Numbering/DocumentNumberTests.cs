using Microsoft.Extensions.DependencyInjection;
using Tandem.Parties.Contracts;
using Tandem.Parties.Features;
using Tandem.Parties.Features.RegisterParty;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Numbering;

/// <summary>Gap-free numbers: separate per company, document type and fiscal year; a rollback gives the number back.</summary>
public abstract class DocumentNumberTests(TandemServer server)
{
    [Fact]
    public async Task Sequences_are_kept_per_company_per_document_type_and_per_fiscal_year()
    {
        var first = await server.CreateCompanyAsync("NA" + Guid.NewGuid().ToString("N")[..6]);
        var second = await server.CreateCompanyAsync("NB" + Guid.NewGuid().ToString("N")[..6]);

        Assert.Equal(1, await NextAsync(first, "invoice", 2026, commit: true));
        Assert.Equal(2, await NextAsync(first, "invoice", 2026, commit: true));
        Assert.Equal(1, await NextAsync(second, "invoice", 2026, commit: true));
        Assert.Equal(1, await NextAsync(first, "credit_note", 2026, commit: true));
        Assert.Equal(1, await NextAsync(first, "invoice", 2027, commit: true));
        Assert.Equal(3, await NextAsync(first, "invoice", 2026, commit: true));
        Assert.Equal(2, await NextAsync(second, "invoice", 2026, commit: true));
    }

    [Fact]
    public async Task A_rolled_back_transaction_consumes_no_number()
    {
        var company = await server.CreateCompanyAsync("NR" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(1, await NextAsync(company, "invoice", 2026, commit: true));
        Assert.Equal(2, await NextAsync(company, "invoice", 2026, commit: false));
        Assert.Equal(2, await NextAsync(company, "invoice", 2026, commit: false));
        Assert.Equal(2, await NextAsync(company, "invoice", 2026, commit: true));
        // A sequence first created in a transaction that rolls back is not left behind either.
        Assert.Equal(1, await NextAsync(company, "receipt", 2026, commit: false));
        Assert.Equal(1, await NextAsync(company, "receipt", 2026, commit: true));
    }

    [Fact]
    public async Task A_number_outside_a_unit_of_work_is_refused()
    {
        await using var scope = server.ScopeFor();
        var numbers = scope.ServiceProvider.GetRequiredService<DocumentNumbers>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => numbers.NextAsync("invoice", 2026, TestContext.Current.CancellationToken));
    }

    private async Task<long> NextAsync(Guid company, string sequence, int year, bool commit)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = server.ScopeFor(company);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await using var unit = await session.BeginAsync(ct);
        var number = await scope.ServiceProvider.GetRequiredService<DocumentNumbers>().NextAsync(sequence, year, ct);
        if (commit)
            await unit.CommitAsync(ct);
        return number;
    }
}

public sealed class DocumentNumbersOnSqlite(SqliteServer server) : DocumentNumberTests(server), IClassFixture<SqliteServer>;

public sealed class DocumentNumbersOnPostgres(PostgresServer server) : DocumentNumberTests(server), IClassFixture<PostgresServer>;

/// <summary>Parallel writers on PostgreSQL never share or skip a number.</summary>
public sealed class ParallelNumberingOnPostgres(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Eight_writers_registering_500_parties_each_get_numbers_1_to_4000_without_gaps_or_duplicates()
    {
        var ct = TestContext.Current.CancellationToken;
        server.Anonymous().Dispose(); // skips loudly when PostgreSQL is missing
        var company = await server.CreateCompanyAsync("PAR" + Guid.NewGuid().ToString("N")[..6]);
        const int writers = 8;
        const int perWriter = 500;

        var numbers = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var mine = new List<string>(perWriter);
            for (var i = 0; i < perWriter; i++)
            {
                // Each registration is its own request scope: its own connection and transaction.
                await using var scope = server.ScopeFor(company);
                var result = await scope.ServiceProvider.GetRequiredService<RegisterPartyHandler>()
                    .HandleAsync(new PartyInput(PartyKind.Organisation, $"Writer {writer} party {i}"), ct);
                Assert.True(result.IsSuccess, result.Error?.Message);
                mine.Add(result.Value.Number);
            }
            return mine;
        }, ct)));

        var all = numbers.SelectMany(n => n).Select(n => int.Parse(n[1..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(writers * perWriter, all.Count);
        Assert.Equal(Enumerable.Range(1, writers * perWriter), all);
    }
}
