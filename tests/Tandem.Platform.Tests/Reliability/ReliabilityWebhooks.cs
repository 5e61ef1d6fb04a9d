using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Reliability;

/// <summary>A webhook subscription to a <see cref="TestWebhookReceiver"/>, and the checks the reliability tests make on what it got.</summary>
internal static class ReliabilityWebhooks
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Hook(Guid Id, string Key);

    public sealed record Report(int Events, int Requests, int Redeliveries);

    public static async Task<Hook> SubscribeAsync(HttpClient admin, TestWebhookReceiver receiver, params string[] events)
    {
        var key = Guid.NewGuid().ToString("N")[..12];
        var response = await admin.PostAsJsonAsync("/api/v1/platform/webhooks", new { url = receiver.UrlFor(key), events }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        receiver.Expect(key, created.GetProperty("secret").GetString()!);
        return new Hook(created.GetProperty("id").GetGuid(), key);
    }

    /// <summary>Waits until every party's registration was processed and no delivery of the subscription is still due.</summary>
    public static async Task WaitUntilDeliveredAsync(NpgsqlConnection pg, TestWebhookReceiver receiver, Hook hook, IEnumerable<Guid> parties, TimeSpan timeout)
    {
        var expected = parties.ToHashSet();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var delivered = PartiesIn(receiver.ProcessedBy(hook.Key));
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM platform.webhook_deliveries WHERE subscription_id = @s AND status IN ('pending', 'processing')", pg);
            command.Parameters.AddWithValue("s", hook.Id);
            var due = (long)(await command.ExecuteScalarAsync(Ct))!;
            var missing = expected.Count(p => !delivered.ContainsKey(p));
            if (missing == 0 && due == 0)
                return;
            Assert.True(DateTime.UtcNow < deadline,
                $"After {timeout.TotalSeconds:0} s, {missing} of {expected.Count} acknowledged parties never reached the receiver and {due} deliveries are still due.");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>
    /// The idempotent receiver's view: every acknowledged party arrived under exactly one event id; every request was
    /// signed; no event id came with two different payloads. Redeliveries of a processed id are counted, not failed.
    /// </summary>
    public static Report AssertEachEventOnceAndIntact(TestWebhookReceiver receiver, Hook hook, IEnumerable<Guid> parties)
    {
        var received = receiver.ReceivedBy(hook.Key);
        var processed = receiver.ProcessedBy(hook.Key);
        Assert.All(received, r => Assert.True(r.SignatureValid, $"Delivery {r.Delivery} carried a signature that does not verify: {r.Signature}"));
        Assert.All(processed, e => Assert.True(e.Value.DifferentBodies == 0, $"Event {e.Key} arrived with {e.Value.DifferentBodies} different payloads."));
        Assert.All(processed, e => Assert.Equal("party.registered", e.Value.Event));
        var byParty = processed.GroupBy(e => e.Value.Data.GetProperty("partyId").GetGuid()).ToDictionary(g => g.Key, g => g.Select(e => e.Key).ToList());
        foreach (var party in parties)
        {
            Assert.True(byParty.TryGetValue(party, out var ids), $"Party {party} was acknowledged but its registration never arrived.");
            Assert.True(ids.Count == 1, $"Party {party} arrived as {ids.Count} different events: {string.Join(", ", ids)}.");
        }
        var requests = processed.Values.Sum(e => e.Deliveries);
        return new Report(processed.Count, received.Count, requests - processed.Count);
    }

    private static Dictionary<Guid, Guid> PartiesIn(IReadOnlyDictionary<Guid, TestWebhookReceiver.ProcessedEvent> processed)
    {
        var parties = new Dictionary<Guid, Guid>();
        foreach (var (id, e) in processed)
            parties.TryAdd(e.Data.GetProperty("partyId").GetGuid(), id);
        return parties;
    }
}
