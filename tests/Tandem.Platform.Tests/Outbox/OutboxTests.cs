using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Features;
using Tandem.Parties.Features.RegisterParty;
using Tandem.Platform.Identity;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Outbox;

/// <summary>Messages commit or roll back with the business change; a commit wakes the dispatcher at once.</summary>
public abstract class OutboxCommitTests(TandemServer server)
{
    [Fact]
    public async Task Registering_a_party_stores_PartyRegistered_with_the_commit_and_delivers_it_without_waiting_for_the_poll()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var name = "Outbox " + Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var partyId = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        await using (var scope = server.ScopeFor())
        {
            var messages = await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.Type == typeof(PartyRegistered).FullName && m.Payload.Contains(partyId.ToString()))
                .ToListAsync(ct);
            var message = Assert.Single(messages);
            Assert.Equal(server.DemoCompanyId, message.CompanyId);
        }

        // The poll interval is ten minutes here, so only the after-commit signal can deliver within seconds.
        await TestWaits.UntilAsync(() => Task.FromResult(DeliveryLog.Shared.Of(name).Count == 1), TimeSpan.FromSeconds(10), "the consumer saw the party");
        var delivered = (PartyRegistered)DeliveryLog.Shared.Of(name).Single().Delivery.Event;
        Assert.Equal(partyId, delivered.PartyId);
        Assert.Equal(PartyKind.Organisation, delivered.Kind);
    }

    [Fact]
    public async Task A_rolled_back_registration_leaves_no_message_and_gives_its_number_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var company = await server.CreateCompanyAsync("RB" + Guid.NewGuid().ToString("N")[..6]);
        await using (var scope = server.ScopeFor(company))
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var unit = await session.BeginAsync(ct);
            var registered = await scope.ServiceProvider.GetRequiredService<RegisterPartyHandler>()
                .HandleAsync(new PartyInput(PartyKind.Person, "Rolled Back"), ct);
            Assert.Equal("P000001", registered.Value.Number);
            // Leaving without CommitAsync rolls the whole unit of work back.
        }

        Assert.Equal(0, await CountAsync(company, ct));
        await using (var scope = server.ScopeFor(company))
        {
            var kept = await scope.ServiceProvider.GetRequiredService<RegisterPartyHandler>()
                .HandleAsync(new PartyInput(PartyKind.Person, "Kept"), ct);
            Assert.Equal("P000001", kept.Value.Number);
        }
        Assert.Equal(1, await CountAsync(company, ct));
    }

    private async Task<int> CountAsync(Guid company, CancellationToken ct)
    {
        await using var scope = server.ScopeFor(company);
        var messages = await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<OutboxMessage>().CountAsync(m => m.CompanyId == company, ct);
        var parties = await scope.ServiceProvider.GetRequiredService<PartiesDb>().Parties.CountAsync(ct);
        Assert.Equal(messages, parties);
        return messages;
    }
}

public sealed class OutboxCommitOnSqlite(QuietOutboxSqliteServer server) : OutboxCommitTests(server), IClassFixture<QuietOutboxSqliteServer>;

public sealed class OutboxCommitOnPostgres(QuietOutboxPostgresServer server) : OutboxCommitTests(server), IClassFixture<QuietOutboxPostgresServer>;

/// <summary>Failed deliveries are retried with backoff, then dead-lettered; a lease left by a crashed node is taken over.</summary>
public abstract class OutboxDeliveryTests(TandemServer server)
{
    [Fact]
    public async Task A_refused_message_is_retried_then_dead_lettered_with_the_last_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = "dead-" + Guid.NewGuid().ToString("N")[..8];
        await OutboxTestPublishing.PublishAsync(server, [new OutboxProbe(server.DemoCompanyId, run, Fail: true)], ct);

        OutboxMessage? message = null;
        await TestWaits.UntilAsync(async () => (message = await FindAsync(run, ct))?.Status == OutboxStatus.Dead,
            TimeSpan.FromSeconds(30), "the message is dead-lettered");
        // MaxAttempts is 3 in this server: attempts 1 and 2 are retried, the third failure is final.
        Assert.Equal(3, message!.Attempts);
        Assert.Contains($"Probe {run} refused on attempt 3", message.LastError, StringComparison.Ordinal);
        Assert.Null(message.LockedUntil);
        Assert.Equal(3, DeliveryLog.Shared.Of(run).Single().Delivery.Count);
        Assert.Null(message.ProcessedAt);
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_node_is_picked_up_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = "lease-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTime.UtcNow;
        await using (var scope = server.ScopeFor())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                CompanyId = server.DemoCompanyId,
                Type = OutboxEventType.NameOf(typeof(OutboxProbe)),
                Payload = JsonSerializer.Serialize(new OutboxProbe(server.DemoCompanyId, run, false), JsonSerializerOptions.Web),
                OccurredAt = now.AddMinutes(-5),
                Status = OutboxStatus.Processing,
                Attempts = 1,
                NextAttemptAt = now.AddMinutes(-5),
                LockedUntil = now.AddMinutes(-1),
                LockedBy = "crashed-node",
            });
            await db.SaveChangesAsync(ct);
        }

        OutboxMessage? message = null;
        await TestWaits.UntilAsync(async () => (message = await FindAsync(run, ct))?.Status == OutboxStatus.Done,
            TimeSpan.FromSeconds(20), "the abandoned message is delivered");
        Assert.Equal(2, message!.Attempts);
        Assert.NotEqual("crashed-node", message.LockedBy);
        Assert.NotNull(message.ProcessedAt);
        Assert.Equal(1, DeliveryLog.Shared.Of(run).Single().Delivery.Count);
    }

    [Fact]
    public async Task A_lease_still_held_by_a_live_node_is_left_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = "held-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTime.UtcNow;
        await using (var scope = server.ScopeFor())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                CompanyId = server.DemoCompanyId,
                Type = OutboxEventType.NameOf(typeof(OutboxProbe)),
                Payload = JsonSerializer.Serialize(new OutboxProbe(server.DemoCompanyId, run, false), JsonSerializerOptions.Web),
                OccurredAt = now,
                Status = OutboxStatus.Processing,
                Attempts = 1,
                NextAttemptAt = now,
                LockedUntil = now.AddMinutes(10),
                LockedBy = "busy-node",
            });
            await db.SaveChangesAsync(ct);
        }
        // Several poll intervals (0.3 s) pass; the message must stay with its holder.
        await Task.Delay(1500, ct);
        var message = await FindAsync(run, ct);
        Assert.Equal(OutboxStatus.Processing, message!.Status);
        Assert.Equal("busy-node", message.LockedBy);
        Assert.Empty(DeliveryLog.Shared.Of(run));
    }

    private async Task<OutboxMessage?> FindAsync(string run, CancellationToken ct)
    {
        await using var scope = server.ScopeFor();
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<OutboxMessage>().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Payload.Contains(run), ct);
    }
}

public sealed class OutboxDeliveryOnSqlite(FastOutboxSqliteServer server) : OutboxDeliveryTests(server), IClassFixture<FastOutboxSqliteServer>;

public sealed class OutboxDeliveryOnPostgres(FastOutboxPostgresServer server) : OutboxDeliveryTests(server), IClassFixture<FastOutboxPostgresServer>;

/// <summary>Two server nodes on one PostgreSQL database share the outbox without delivering any message twice.</summary>
public sealed class OutboxScaleOutOnPostgres(FastOutboxPostgresServer server) : IClassFixture<FastOutboxPostgresServer>
{
    [Fact]
    public async Task Two_dispatchers_deliver_1000_events_each_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        server.Anonymous().Dispose(); // skips loudly when PostgreSQL is missing
        var second = new SecondPostgresNode(server.ConnectionString);
        await second.InitializeAsync();
        try
        {
            var run = "scale-" + Guid.NewGuid().ToString("N")[..8];
            // 1,000 events in 20 commits of 50, published alternately through each node.
            for (var batch = 0; batch < 20; batch++)
            {
                TandemServer node = batch % 2 == 0 ? server : second;
                var events = Enumerable.Range(0, 50).Select(_ => new OutboxProbe(server.DemoCompanyId, run, false)).ToArray();
                await OutboxTestPublishing.PublishAsync(node, events, ct);
            }

            await TestWaits.UntilAsync(async () => await CountDoneAsync(run, ct) == 1000, TimeSpan.FromSeconds(120), "all 1,000 messages are done");
            await Task.Delay(1000, ct); // let a stray second delivery, if there were one, arrive
            var deliveries = DeliveryLog.Shared.Of(run);
            Assert.Equal(1000, deliveries.Count);
            Assert.All(deliveries, d => Assert.Equal(1, d.Delivery.Count));

            await using var scope = server.ScopeFor();
            var byNode = await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<OutboxMessage>()
                .Where(m => m.Payload.Contains(run)).GroupBy(m => m.LockedBy).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            TestContext.Current.TestOutputHelper?.WriteLine("deliveries per node: " + string.Join(", ", byNode.Select(n => $"{n.Key}={n.Count}")));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private async Task<int> CountDoneAsync(string run, CancellationToken ct)
    {
        await using var scope = server.ScopeFor();
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<OutboxMessage>()
            .CountAsync(m => m.Payload.Contains(run) && m.Status == OutboxStatus.Done, ct);
    }
}

internal static class OutboxTestPublishing
{
    public static async Task PublishAsync(TandemServer server, IEnumerable<Tandem.SharedKernel.IIntegrationEvent> events, CancellationToken ct)
    {
        await using var scope = server.ScopeFor();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        await using var unit = await session.BeginAsync(ct);
        foreach (var integrationEvent in events)
            outbox.Publish(integrationEvent);
        await unit.CommitAsync(ct);
    }
}
