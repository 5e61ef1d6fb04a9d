using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Parties.Contracts;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Outbox;

/// <summary>An event only these tests publish; <see cref="Fail"/> makes its consumer refuse it.</summary>
public sealed record OutboxProbe(Guid CompanyId, string Run, bool Fail) : IIntegrationEvent;

/// <summary>Every delivery the test consumers saw, by outbox message id, shared by all test servers of this process.</summary>
public sealed class DeliveryLog
{
    public static DeliveryLog Shared { get; } = new();

    private readonly ConcurrentDictionary<Guid, Delivery> _deliveries = new();

    public void Record(Guid messageId, string run, object integrationEvent) =>
        _deliveries.GetOrAdd(messageId, _ => new Delivery(run, integrationEvent)).Increment();

    public IReadOnlyList<(Guid MessageId, Delivery Delivery)> Of(string run) =>
        _deliveries.Where(d => d.Value.Run == run).Select(d => (d.Key, d.Value)).ToList();

    public sealed class Delivery(string run, object integrationEvent)
    {
        private int _count;
        public string Run { get; } = run;
        public object Event { get; } = integrationEvent;
        public int Count => Volatile.Read(ref _count);
        public void Increment() => Interlocked.Increment(ref _count);
    }
}

internal sealed class ProbeConsumer(DeliveryLog log) : IIntegrationEventHandler<OutboxProbe>
{
    public Task HandleAsync(OutboxProbe integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        log.Record(context.MessageId, integrationEvent.Run, integrationEvent);
        return integrationEvent.Fail
            ? throw new InvalidOperationException($"Probe {integrationEvent.Run} refused on attempt {context.Attempt}")
            : Task.CompletedTask;
    }
}

internal sealed class PartyRegisteredConsumer(DeliveryLog log) : IIntegrationEventHandler<PartyRegistered>
{
    public Task HandleAsync(PartyRegistered integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        log.Record(context.MessageId, integrationEvent.Name, integrationEvent);
        return Task.CompletedTask;
    }
}

internal static class OutboxTestSetup
{
    // Fast polling and retries so retry and dead-letter tests finish in seconds; three attempts before dead.
    public static readonly string[] FastArguments =
    [
        "--Tandem:Outbox:PollInterval=00:00:00.300",
        "--Tandem:Outbox:RetryBaseDelay=00:00:00.050",
        "--Tandem:Outbox:MaxAttempts=3",
        "--Tandem:Outbox:BatchSize=10",
    ];

    // A poll so slow that only the in-process signal after commit can explain a prompt delivery.
    public static readonly string[] QuietArguments = ["--Tandem:Outbox:PollInterval=00:10:00"];

    public static void AddConsumers(IServiceCollection services)
    {
        services.AddSingleton(DeliveryLog.Shared);
        services.AddIntegrationEventHandler<OutboxProbe, ProbeConsumer>();
        services.AddIntegrationEventHandler<PartyRegistered, PartyRegisteredConsumer>();
    }
}

public class FastOutboxSqliteServer : SqliteServer
{
    protected override IEnumerable<string> ExtraArguments => OutboxTestSetup.FastArguments;
    protected override void ConfigureServices(IServiceCollection services) => OutboxTestSetup.AddConsumers(services);
}

public class FastOutboxPostgresServer : PostgresServer
{
    protected override IEnumerable<string> ExtraArguments => OutboxTestSetup.FastArguments;
    protected override void ConfigureServices(IServiceCollection services) => OutboxTestSetup.AddConsumers(services);
}

public class QuietOutboxSqliteServer : SqliteServer
{
    protected override IEnumerable<string> ExtraArguments => OutboxTestSetup.QuietArguments;
    protected override void ConfigureServices(IServiceCollection services) => OutboxTestSetup.AddConsumers(services);
}

public class QuietOutboxPostgresServer : PostgresServer
{
    protected override IEnumerable<string> ExtraArguments => OutboxTestSetup.QuietArguments;
    protected override void ConfigureServices(IServiceCollection services) => OutboxTestSetup.AddConsumers(services);
}

/// <summary>A second server node on another node's PostgreSQL database, as in a scaled-out deployment.</summary>
public sealed class SecondPostgresNode(string connectionString, params string[] extraArguments) : TandemServer
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override IEnumerable<string> ExtraArguments => [.. OutboxTestSetup.FastArguments, .. extraArguments];
    protected override void ConfigureServices(IServiceCollection services) => OutboxTestSetup.AddConsumers(services);
    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(connectionString);
}
