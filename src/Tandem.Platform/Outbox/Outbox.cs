using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Platform.Outbox;

/// <summary>Publishes integration events so they are stored with the business change and delivered after it commits.</summary>
public interface IOutbox
{
    /// <summary>Adds the event to the current unit of work; it is written just before the commit and dropped on rollback.</summary>
    void Publish(IIntegrationEvent integrationEvent);
}

/// <summary>A consumer of one integration event type. Delivery is at-least-once: use <see cref="IntegrationEventContext.MessageId"/> to stay idempotent.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken ct);
}

/// <summary>What a consumer knows about the delivery besides the event.</summary>
public sealed record IntegrationEventContext(Guid MessageId, DateTime OccurredAt, int Attempt);

public sealed class OutboxOptions : ILeaseSettings
{
    public const string Section = "Tandem:Outbox";

    /// <summary>Run the dispatcher in this process (every node may; claims keep them apart).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    bool ILeaseSettings.Enabled => DispatcherEnabled;

    public int BatchSize { get; set; } = 50;

    /// <summary>How often to look for due messages when no commit in this process signalled one.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds a message; a node that dies mid-delivery loses it after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubled on each attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
        return delay;
    }
}

/// <summary>Wakes the dispatcher of this process right after a commit that published, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal : WorkSignal;

/// <summary>An event type the outbox can deliver: its stored name and how to hand it to its handlers.</summary>
public sealed class OutboxEventType(Type type, Func<IServiceProvider, object, IntegrationEventContext, CancellationToken, Task> deliver)
{
    public Type Type { get; } = type;
    public string Name => NameOf(Type);
    public Func<IServiceProvider, object, IntegrationEventContext, CancellationToken, Task> Deliver { get; } = deliver;

    public static string NameOf(Type type) => type.FullName ?? type.Name;
}

internal sealed class Outbox(DbSession session, TimeProvider clock, OutboxSignal signal) : IOutbox
{
    internal static readonly JsonSerializerOptions Json = CreateJson();

    private readonly List<OutboxMessage> _pending = [];
    private System.Data.Common.DbTransaction? _hookedTo;

    public void Publish(IIntegrationEvent integrationEvent)
    {
        var transaction = session.Transaction
            ?? throw new InvalidOperationException("Publish inside the unit of work of the business change, so both commit together.");
        if (!ReferenceEquals(_hookedTo, transaction))
        {
            // Messages queued for an earlier transaction that rolled back never reached the database.
            _pending.Clear();
            _hookedTo = transaction;
            session.BeforeCommit(FlushAsync);
            session.AfterCommit(signal.Notify);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        _pending.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            CompanyId = integrationEvent.CompanyId,
            Type = OutboxEventType.NameOf(integrationEvent.GetType()),
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Json),
            OccurredAt = now,
            NextAttemptAt = now,
        });
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var provider = session.Provider;
        var table = PlatformSql.Table(provider, "outbox_messages");
        foreach (var message in _pending)
        {
            await using var insert = PlatformSql.Command(session.Connection, session.Transaction,
                    $"INSERT INTO {table} (id, company_id, type, payload, occurred_at, status, attempts, next_attempt_at) " +
                    "VALUES (@id, @company, @type, @payload, @occurred, @status, 0, @next)")
                .With(provider, "@id", message.Id)
                .With(provider, "@company", message.CompanyId)
                .With(provider, "@type", message.Type)
                .With(provider, "@payload", message.Payload)
                .With(provider, "@occurred", message.OccurredAt)
                .With(provider, "@status", OutboxStatus.Pending)
                .With(provider, "@next", message.NextAttemptAt);
            await insert.ExecuteNonQueryAsync(ct);
        }
        _pending.Clear();
        _hookedTo = null;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        // Money and currency codes round-trip as in the API; without these an event's Money came back without its currency.
        json.Converters.Add(new Api.MoneyJsonConverter());
        json.Converters.Add(new Api.CurrencyCodeJsonConverter());
        return json;
    }
}

public static class OutboxRegistration
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddScoped<IOutbox, Outbox>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>Subscribes a handler to an integration event; the event type becomes deliverable by name.</summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<IIntegrationEventHandler<TEvent>, THandler>();
        if (!services.Any(d => d.ServiceType == typeof(OutboxEventType) && d.ImplementationInstance is OutboxEventType t && t.Type == typeof(TEvent)))
            services.AddSingleton(new OutboxEventType(typeof(TEvent), DeliverAsync<TEvent>));
        return services;
    }

    private static async Task DeliverAsync<TEvent>(IServiceProvider services, object integrationEvent, IntegrationEventContext context, CancellationToken ct)
        where TEvent : IIntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
            await handler.HandleAsync((TEvent)integrationEvent, context, ct);
    }
}
