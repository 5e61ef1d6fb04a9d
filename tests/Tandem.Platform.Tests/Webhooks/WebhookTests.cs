using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Identity;
using Tandem.Platform.Security;
using Tandem.Platform.Webhooks;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Webhooks;

/// <summary>Subscriptions, signed deliveries to a real HTTP receiver, retries, the delivery log and redelivery.</summary>
public abstract class WebhookTests(TandemServer server) : IAsyncLifetime
{
    private TestWebhookReceiver _receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _receiver = await TestWebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_registered_party_is_posted_to_the_subscriber_signed_with_the_secret_shown_at_creation()
    {
        var client = await server.AdminClient();
        var key = Key();
        var (hookId, secret) = await Subscribe(client, _receiver.UrlFor(key), "party.registered");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var name = "Hooked " + key;
        var partyId = await RegisterParty(client, name);

        await WaitFor(() => _receiver.ReceivedBy(key).Count == 1, "the receiver got the event");
        var received = Assert.Single(_receiver.ReceivedBy(key));
        Assert.Equal("party.registered", received.Event);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        Assert.True(TestWebhookReceiver.Verify(secret, received.Signature, received.Body), "the signature verifies with the secret: " + received.Signature);
        Assert.False(TestWebhookReceiver.Verify(secret + "x", received.Signature, received.Body), "another secret does not verify");

        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("party.registered", body.GetProperty("type").GetString());
        Assert.Equal(server.DemoCompanyId, body.GetProperty("companyId").GetGuid());
        Assert.Equal(partyId, body.GetProperty("data").GetProperty("partyId").GetGuid());
        Assert.Equal(name, body.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal("organisation", body.GetProperty("data").GetProperty("kind").GetString());
        Assert.True(body.GetProperty("id").GetGuid() != Guid.Empty);
        Assert.True(body.TryGetProperty("occurredAt", out _));

        var log = await Deliveries(client, hookId);
        var delivery = Assert.Single(log);
        Assert.Equal(received.Delivery, delivery.GetProperty("id").GetString());
        await WaitFor(async () => (await Deliveries(client, hookId))[0].GetProperty("status").GetString() == "delivered", "the log says delivered");
        delivery = (await Deliveries(client, hookId))[0];
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastResponseCode").GetInt32());

        // The secret is shown once: neither the list nor the record carries it.
        var listed = await client.GetStringAsync("/api/v1/platform/webhooks", Ct);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await client.GetStringAsync($"/api/v1/platform/webhooks/{hookId}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_is_retried_and_the_next_attempt_succeeds()
    {
        var client = await server.AdminClient();
        var key = Key();
        _receiver.AnswerNext(key, 500);
        var (hookId, _) = await Subscribe(client, _receiver.UrlFor(key), "party.registered");
        await RegisterParty(client, "Retry " + key);

        await WaitFor(async () => (await Deliveries(client, hookId)) is [var d] && d.GetProperty("status").GetString() == "delivered", "the second attempt is delivered");
        var delivery = (await Deliveries(client, hookId))[0];
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastResponseCode").GetInt32());
        var received = _receiver.ReceivedBy(key);
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Delivery, received[1].Delivery);
        Assert.Equal(received[0].Body, received[1].Body);
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_given_up_after_the_attempt_limit_and_can_be_redelivered()
    {
        var client = await server.AdminClient();
        var key = Key();
        _receiver.AnswerNext(key, 503, 503, 503);
        var (hookId, _) = await Subscribe(client, _receiver.UrlFor(key), "party.registered");
        await RegisterParty(client, "Failing " + key);

        await WaitFor(async () => (await Deliveries(client, hookId)) is [var d] && d.GetProperty("status").GetString() == "failed", "the delivery failed");
        var failed = (await Deliveries(client, hookId))[0];
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(503, failed.GetProperty("lastResponseCode").GetInt32());
        Assert.Equal("The receiver answered 503.", failed.GetProperty("lastError").GetString());
        Assert.Equal(3, _receiver.ReceivedBy(key).Count);

        var deliveryId = failed.GetProperty("id").GetString();
        var redeliver = await client.PostAsync($"/api/v1/platform/webhooks/{hookId}/deliveries/{deliveryId}/redeliver", null, Ct);
        Assert.Equal(HttpStatusCode.OK, redeliver.StatusCode);
        await WaitFor(async () => (await Deliveries(client, hookId))[0].GetProperty("status").GetString() == "delivered", "the redelivery is delivered");
        var delivered = (await Deliveries(client, hookId))[0];
        Assert.Equal(1, delivered.GetProperty("attempts").GetInt32());
        Assert.Equal(4, _receiver.ReceivedBy(key).Count);
        Assert.Equal(_receiver.ReceivedBy(key)[0].Body, _receiver.ReceivedBy(key)[3].Body);
    }

    [Fact]
    public async Task A_delivered_event_can_be_redelivered_by_hand()
    {
        var client = await server.AdminClient();
        var key = Key();
        var (hookId, secret) = await Subscribe(client, _receiver.UrlFor(key), "party.registered");
        await RegisterParty(client, "Again " + key);
        await WaitFor(async () => (await Deliveries(client, hookId)) is [var d] && d.GetProperty("status").GetString() == "delivered", "the first delivery");
        var deliveryId = (await Deliveries(client, hookId))[0].GetProperty("id").GetString();

        var redeliver = await client.PostAsync($"/api/v1/platform/webhooks/{hookId}/deliveries/{deliveryId}/redeliver", null, Ct);
        Assert.Equal(HttpStatusCode.OK, redeliver.StatusCode);
        await WaitFor(() => _receiver.ReceivedBy(key).Count == 2, "the receiver got it again");
        var received = _receiver.ReceivedBy(key);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.Equal(deliveryId, received[1].Delivery);
        Assert.True(TestWebhookReceiver.Verify(secret, received[1].Signature, received[1].Body));
        Assert.Single(await Deliveries(client, hookId));

        var unknown = await client.PostAsync($"/api/v1/platform/webhooks/{hookId}/deliveries/{Guid.NewGuid()}/redeliver", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_event_of_another_company_is_not_delivered_and_a_deactivated_subscription_gets_nothing()
    {
        var client = await server.AdminClient();
        var key = Key();
        var otherKey = Key();
        var inactiveKey = Key();
        var other = await server.CreateCompanyAsync("WH" + key[..6]);
        Guid otherHook;
        await using (var scope = server.ScopeFor(other))
        {
            var created = await scope.ServiceProvider.GetRequiredService<WebhookAdministration>()
                .CreateAsync(new WebhookInput(_receiver.UrlFor(otherKey), ["party.registered"]), Ct);
            otherHook = created.Value.Id;
        }
        var (inactive, _) = await Subscribe(client, _receiver.UrlFor(inactiveKey), "party.registered");
        var deactivate = await client.PostAsync($"/api/v1/platform/webhooks/{inactive}/deactivate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.False((await deactivate.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("active").GetBoolean());
        var (hookId, _) = await Subscribe(client, _receiver.UrlFor(key), "party.registered");

        await RegisterParty(client, "Mine " + key);
        await WaitFor(async () => (await Deliveries(client, hookId)) is [var d] && d.GetProperty("status").GetString() == "delivered", "the demo company's subscriber got it");

        Assert.Empty(_receiver.ReceivedBy(otherKey));
        Assert.Empty(_receiver.ReceivedBy(inactiveKey));
        Assert.Empty(await Deliveries(client, inactive));
        await using var read = server.ScopeFor(other);
        Assert.Equal(0, await read.ServiceProvider.GetRequiredService<PlatformDb>().Set<WebhookDelivery>().CountAsync(d => d.SubscriptionId == otherHook, Ct));
        // Another company's subscription is not found from this one.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/platform/webhooks/{otherHook}/deliveries", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "webhook_url_invalid")]
    [InlineData("file:///etc/passwd", "webhook_url_invalid")]
    [InlineData("not a url", "webhook_url_invalid")]
    [InlineData("/relative/hook", "webhook_url_invalid")]
    [InlineData("javascript:alert(1)", "webhook_url_invalid")]
    public async Task A_url_that_is_not_http_or_https_is_refused_and_nothing_is_written(string url, string code)
    {
        var client = await server.AdminClient();
        var before = await CountSubscriptions();
        var response = await client.PostAsJsonAsync("/api/v1/platform/webhooks", new { url, events = new[] { "party.registered" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        Assert.Equal(before, await CountSubscriptions());
    }

    [Fact]
    public async Task An_unknown_event_type_is_refused_and_the_known_types_are_listed()
    {
        var client = await server.AdminClient();
        var before = await CountSubscriptions();
        var response = await client.PostAsJsonAsync("/api/v1/platform/webhooks",
            new { url = "https://example.com/hook", events = new[] { "party.registered", "party.exploded" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("webhook_event_unknown", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        Assert.Equal(before, await CountSubscriptions());

        var types = await client.GetFromJsonAsync<JsonElement>("/api/v1/platform/webhooks/events", Ct);
        var names = types.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("party.registered", names);
        Assert.Contains("opportunity.won", names);
        Assert.Contains("purchase_order.approved", names);
    }

    [Fact]
    public async Task Only_holders_of_the_webhooks_permission_manage_webhooks()
    {
        var (email, password) = await server.CreateUserAsync([Roles.SalesManager]);
        var manager = await server.ClientFor(email, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/platform/webhooks", Ct)).StatusCode);
        var create = await manager.PostAsJsonAsync("/api/v1/platform/webhooks", new { url = "https://example.com/hook", events = new[] { "party.registered" } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    private static string Key() => Guid.NewGuid().ToString("N")[..12];

    private static async Task<(Guid Id, string Secret)> Subscribe(HttpClient client, string url, params string[] events)
    {
        var response = await client.PostAsJsonAsync("/api/v1/platform/webhooks", new { url, events }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    private static async Task<Guid> RegisterParty(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task<IReadOnlyList<JsonElement>> Deliveries(HttpClient client, Guid hookId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/platform/webhooks/{hookId}/deliveries", Ct);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private async Task<int> CountSubscriptions()
    {
        await using var scope = server.ScopeFor();
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<WebhookSubscription>().CountAsync(Ct);
    }

    private static Task WaitFor(Func<bool> condition, string because) => TestWaits.UntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(20), because);

    private static Task WaitFor(Func<Task<bool>> condition, string because) => TestWaits.UntilAsync(condition, TimeSpan.FromSeconds(20), because);
}

public sealed class WebhooksOnSqlite(WebhookSqliteServer server) : WebhookTests(server), IClassFixture<WebhookSqliteServer>;

public sealed class WebhooksOnPostgres(WebhookPostgresServer server) : WebhookTests(server), IClassFixture<WebhookPostgresServer>;
