using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Identity;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Platform.Webhooks;

/// <summary>An integration event the outside world may subscribe to: its public name and the payload it shows.</summary>
public sealed record WebhookEventType(string Name, Type EventType, string Description, Func<object, object> Payload);

/// <summary>Every event type the modules registered, by public name.</summary>
public sealed class WebhookEventCatalog(IEnumerable<WebhookEventType> types)
{
    private readonly Dictionary<string, WebhookEventType> _byName = types.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public IReadOnlyList<WebhookEventType> All => _byName.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    public bool IsKnown(string name) => _byName.ContainsKey(name);

    public WebhookEventType? For(Type eventType) => _byName.Values.FirstOrDefault(t => t.EventType == eventType);
}

public static class WebhookEventRegistration
{
    /// <summary>
    /// Makes an integration event available to webhooks under a public name, with the JSON <c>data</c> it carries.
    /// One line in a module's <c>AddServices</c>: <c>services.AddWebhookEvent&lt;PartyRegistered&gt;("party.registered", "...", e =&gt; new { e.PartyId });</c>
    /// </summary>
    public static IServiceCollection AddWebhookEvent<TEvent>(this IServiceCollection services, string name, string description, Func<TEvent, object> payload)
        where TEvent : IIntegrationEvent
    {
        services.AddSingleton(new WebhookEventType(name, typeof(TEvent), description, e => payload((TEvent)e)));
        services.AddIntegrationEventHandler<TEvent, WebhookFanOut<TEvent>>();
        return services;
    }
}

/// <summary>
/// Turns a dispatched integration event into one delivery row per active subscription of the event's company
/// that asked for it. Idempotent: the outbox may hand the same event over again, and the unique
/// (subscription, event) key keeps one row each.
/// </summary>
internal sealed class WebhookFanOut<TEvent>(PlatformDb db, WebhookEventCatalog catalog, WebhookSignal signal, TimeProvider clock)
    : IIntegrationEventHandler<TEvent> where TEvent : IIntegrationEvent
{
    public async Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        var type = catalog.For(typeof(TEvent));
        if (type is null)
            return;
        var companyId = integrationEvent.CompanyId;
        var subscriptions = (await db.Set<WebhookSubscription>().AsNoTracking()
                .Where(s => s.CompanyId == companyId && s.Active)
                .Select(s => new { s.Id, s.Events })
                .ToListAsync(ct))
            .Where(s => s.Events.Contains(type.Name))
            .Select(s => s.Id)
            .ToList();
        if (subscriptions.Count == 0)
            return;
        var already = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => d.EventId == context.MessageId && subscriptions.Contains(d.SubscriptionId))
            .Select(d => d.SubscriptionId)
            .ToListAsync(ct);
        var body = WebhookBody.Serialize(context.MessageId, type.Name, context.OccurredAt, companyId, type.Payload(integrationEvent));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var subscriptionId in subscriptions.Except(already))
        {
            db.Set<WebhookDelivery>().Add(new WebhookDelivery
            {
                CompanyId = companyId, SubscriptionId = subscriptionId, EventId = context.MessageId, EventType = type.Name,
                Body = body, CreatedAt = now, NextAttemptAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }
}

/// <summary>The JSON a receiver gets: <c>{id, type, occurredAt, companyId, data}</c>.</summary>
public static class WebhookBody
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public static string Serialize(Guid id, string type, DateTime occurredAt, Guid companyId, object data) =>
        JsonSerializer.Serialize(new
        {
            id,
            type,
            occurredAt = DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc),
            companyId,
            data,
        }, Json);

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new Api.MoneyJsonConverter());
        json.Converters.Add(new Api.CurrencyCodeJsonConverter());
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return json;
    }
}

/// <summary>Wakes this process's deliverer as soon as deliveries were written or a redelivery was asked for.</summary>
public sealed class WebhookSignal : WorkSignal;
