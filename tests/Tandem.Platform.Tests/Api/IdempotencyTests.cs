using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Parties.Data;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>A POST retried with the same Idempotency-Key gets the first answer and creates nothing new.</summary>
public abstract class IdempotencyTests(TandemServer server)
{
    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_response_and_creates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var name = "Idem " + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(client, key, new { kind = "organisation", name }, ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        var firstBody = await first.Content.ReadAsStringAsync(ct);

        var retry = await PostAsync(client, key, new { kind = "organisation", name }, ct);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync(ct));
        Assert.Equal(1, await CountPartiesAsync(name, ct));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var name = "Idem " + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, key, new { kind = "organisation", name }, ct)).StatusCode);

        var reused = await PostAsync(client, key, new { kind = "organisation", name = name + " other" }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", await CodeOf(reused, ct));
        Assert.Equal(0, await CountPartiesAsync(name + " other", ct));
    }

    [Fact]
    public async Task A_retry_while_the_first_request_is_in_flight_is_told_to_wait()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var key = Guid.NewGuid().ToString();
        var name = "Idem " + Guid.NewGuid().ToString("N")[..8];
        // The first request's claim, as it stands while that request is still running: no answer yet.
        await AddRecordAsync(key, "in-flight-request-hash", DateTime.UtcNow.AddHours(24), ct);

        var duplicate = await PostAsync(client, key, new { kind = "organisation", name }, ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("idempotency_key_in_progress", await CodeOf(duplicate, ct));
        Assert.Equal(0, await CountPartiesAsync(name, ct));
    }

    [Fact]
    public async Task Concurrent_duplicates_create_exactly_one_record()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var key = Guid.NewGuid().ToString();
        var name = "Idem " + Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(client, key, new { kind = "organisation", name }, ct)));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"unexpected {r.StatusCode}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(1, await CountPartiesAsync(name, ct));
    }

    [Fact]
    public async Task An_expired_key_may_be_used_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var key = Guid.NewGuid().ToString();
        var name = "Idem " + Guid.NewGuid().ToString("N")[..8];
        await AddRecordAsync(key, "a-request-from-yesterday", DateTime.UtcNow.AddMinutes(-1), ct);

        var response = await PostAsync(client, key, new { kind = "organisation", name }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await CountPartiesAsync(name, ct));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, object body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/parties") { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyMiddleware.Header, key);
        return client.SendAsync(request, ct);
    }

    private async Task AddRecordAsync(string key, string hash, DateTime expiresAt, CancellationToken ct)
    {
        await using var scope = server.ScopeFor();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>().FindByEmailAsync(TandemServer.AdminEmail);
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
        {
            UserId = admin!.Id,
            IdempotencyKey = key,
            RequestHash = hash,
            CreatedAt = expiresAt.AddHours(-24),
            ExpiresAt = expiresAt,
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task<int> CountPartiesAsync(string name, CancellationToken ct)
    {
        await using var scope = server.ScopeFor();
        return await scope.ServiceProvider.GetRequiredService<PartiesDb>().Parties.CountAsync(p => p.Name == name, ct);
    }

    internal static async Task<string?> CodeOf(HttpResponseMessage response, CancellationToken ct) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).TryGetProperty("code", out var code) ? code.GetString() : null;
}

public sealed class IdempotencyOnSqlite(SqliteServer server) : IdempotencyTests(server), IClassFixture<SqliteServer>;

public sealed class IdempotencyOnPostgres(PostgresServer server) : IdempotencyTests(server), IClassFixture<PostgresServer>;
