using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Audit;
using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;
using Tandem.Testing;
using static Tandem.Platform.Tests.Administration.AdminApi;

namespace Tandem.Platform.Tests.Administration;

/// <summary>Every change to a business record leaves a hash-chained audit row; tampering is found.</summary>
public abstract class AuditTrailTests(TandemServer server)
{
    [Fact]
    public async Task Registering_and_changing_a_party_records_who_and_each_field_before_and_after()
    {
        var admin = await server.AdminClient();
        var party = await RegisterPartyAsync(admin, "Audited Ltd");
        var id = party.GetProperty("id").GetGuid();
        await ChangeNameAsync(admin, id, "Audited Holdings Ltd");

        var response = await admin.GetAsync($"/api/v1/audit/Party/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = (await response.ReadAsync()).EnumerateArray().ToList();
        Assert.Equal(2, history.Count);

        var update = history[0];
        Assert.Equal("Update", update.GetProperty("action").GetString());
        Assert.Equal(2, update.GetProperty("sequence").GetInt64());
        Assert.Equal("Administrator", update.GetProperty("userName").GetString());
        var name = update.GetProperty("changes").GetProperty("name");
        Assert.Equal("Audited Ltd", name.GetProperty("before").GetString());
        Assert.Equal("Audited Holdings Ltd", name.GetProperty("after").GetString());
        // Only the changed fields are recorded on an update: the name and the duplicate-matching key derived from it.
        Assert.Equal(["name", "normalizedName"], update.GetProperty("changes").EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal));

        var insert = history[1];
        Assert.Equal("Insert", insert.GetProperty("action").GetString());
        Assert.Equal(1, insert.GetProperty("sequence").GetInt64());
        var fields = insert.GetProperty("changes");
        Assert.Equal("Audited Ltd", fields.GetProperty("name").GetProperty("after").GetString());
        Assert.Equal("Organisation", fields.GetProperty("kind").GetProperty("after").GetString());
        Assert.True(fields.GetProperty("isCustomer").GetProperty("after").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, fields.GetProperty("name").GetProperty("before").ValueKind);

        await using var scope = server.ScopeFor();
        var rows = await scope.ServiceProvider.GetRequiredService<PlatformDb>().AuditLog.AsNoTracking()
            .Where(e => e.EntityId == id).OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Equal(server.DemoCompanyId, rows[0].CompanyId);
        Assert.Equal("", rows[0].PreviousHash);
        Assert.Equal(rows[0].Hash, rows[1].PreviousHash);
        Assert.All(rows, row => Assert.Equal(AuditHashing.HashOf(row), row.Hash));
    }

    [Fact]
    public async Task Another_companys_record_history_is_not_found()
    {
        var admin = await server.AdminClient();
        var id = (await RegisterPartyAsync(admin, "Private Ltd")).GetProperty("id").GetGuid();
        var other = await CreateCompanyAsync(admin, "A" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var fromOther = await SendAsync(admin, HttpMethod.Get, $"/api/v1/audit/Party/{id}", company: other);
        await fromOther.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.GetAsync($"/api/v1/audit/Party/{Guid.NewGuid()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Verifier_reports_exactly_the_row_whose_after_values_were_changed_in_SQL()
    {
        var admin = await server.AdminClient();
        var id = (await RegisterPartyAsync(admin, "Honest Ltd")).GetProperty("id").GetGuid();
        await ChangeNameAsync(admin, id, "Honest Trading Ltd");
        Assert.DoesNotContain((await VerifyAsync()).Breaks, b => b.EntityId == id);

        var updateRow = await RowAsync(id, 2);
        await ExecuteAsync($"UPDATE {Table} SET changes = replace(changes, 'Honest Trading Ltd', 'Dishonest Ltd') WHERE hash = @p", updateRow.Hash);

        var report = await VerifyAsync();
        Assert.False(report.IsIntact);
        var found = Assert.Single(report.Breaks, b => b.EntityId == id);
        Assert.Equal(updateRow.Id, found.RowId);
        Assert.Equal(2, found.Sequence);
        Assert.Equal("Party", found.EntityType);
        Assert.Equal(AuditBreakKind.HashMismatch, found.Kind);
    }

    [Fact]
    public async Task Verifier_reports_a_deleted_middle_row_as_a_missing_sequence()
    {
        var admin = await server.AdminClient();
        var id = (await RegisterPartyAsync(admin, "Gap Ltd")).GetProperty("id").GetGuid();
        await ChangeNameAsync(admin, id, "Gap Two Ltd");
        await ChangeNameAsync(admin, id, "Gap Three Ltd");

        var middle = await RowAsync(id, 2);
        var last = await RowAsync(id, 3);
        await ExecuteAsync($"DELETE FROM {Table} WHERE hash = @p", middle.Hash);

        var found = Assert.Single((await VerifyAsync()).Breaks, b => b.EntityId == id);
        Assert.Equal(last.Id, found.RowId);
        Assert.Equal(3, found.Sequence);
        Assert.Equal(AuditBreakKind.MissingSequence, found.Kind);
    }

    [Fact]
    public async Task Verifier_counts_every_row_and_every_record_chain()
    {
        var report = await VerifyAsync();
        await using var scope = server.ScopeFor();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        Assert.Equal(await db.AuditLog.LongCountAsync(Ct), report.Rows);
        Assert.Equal(await db.AuditLog.Select(e => new { e.EntityType, e.EntityId }).Distinct().LongCountAsync(Ct), report.Chains);
        // The demo data seeded at start is audited as the system.
        Assert.True(await db.AuditLog.AnyAsync(e => e.UserName == AuditTrail.SystemUser && e.UserId == null, Ct));
    }

    [Fact]
    public async Task Parallel_changes_to_one_record_leave_one_winner_and_an_unbroken_chain()
    {
        var admin = await server.AdminClient();
        var id = (await RegisterPartyAsync(admin, "Contended Ltd")).GetProperty("id").GetGuid();
        var etag = (await admin.GetAsync($"/api/v1/parties/{id}", Ct)).Headers.ETag!.Tag;

        // Five clients change the same version at once: the version check lets exactly one through.
        var responses = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            SendAsync(admin, HttpMethod.Put, $"/api/v1/parties/{id}", new { kind = "organisation", name = $"Contended {i}", isCustomer = true }, ifMatch: etag)));
        var statuses = responses.Select(r => (int)r.StatusCode).Order().ToList();
        Assert.Equal([200, 412, 412, 412, 412], statuses);

        var history = await (await admin.GetAsync($"/api/v1/audit/Party/{id}", Ct)).ReadAsync();
        Assert.Equal([2L, 1L], history.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.DoesNotContain((await VerifyAsync()).Breaks, b => b.EntityId == id);
    }

    private string Table => server.Provider == DatabaseProvider.Postgres ? "platform.audit_log" : "platform_audit_log";

    private static async Task ChangeNameAsync(HttpClient client, Guid id, string name)
    {
        var current = await client.GetAsync($"/api/v1/parties/{id}", Ct);
        var response = await SendAsync(client, HttpMethod.Put, $"/api/v1/parties/{id}",
            new { kind = "organisation", name, isCustomer = true }, ifMatch: current.Headers.ETag!.Tag);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = server.ScopeFor();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(Ct);
    }

    private async Task<AuditEntry> RowAsync(Guid entityId, long sequence)
    {
        await using var scope = server.ScopeFor();
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().AuditLog.AsNoTracking()
            .SingleAsync(e => e.EntityId == entityId && e.Sequence == sequence, Ct);
    }

    // Straight SQL on the database, as someone with database access would tamper.
    private async Task ExecuteAsync(string sql, string hash)
    {
        await using var connection = DbSession.CreateConnection(new DatabaseOptions { Provider = server.Provider, ConnectionString = server.ConnectionString });
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p";
        parameter.Value = hash;
        command.Parameters.Add(parameter);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }
}

public sealed class AuditTrailOnSqlite(SqliteServer server) : AuditTrailTests(server), IClassFixture<SqliteServer>;

public sealed class AuditTrailOnPostgres(PostgresServer server) : AuditTrailTests(server), IClassFixture<PostgresServer>;
