using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.LiveUpdates;

/// <summary>
/// Something about a party changed in a module (an invoice posted, a payment received, an order confirmed):
/// <see cref="Kind"/> names what, in the webhook style (<c>invoice.posted</c>). Carries no figures: a page that
/// shows the party reads them again, through its own permissions.
/// </summary>
public sealed record PartyChange(Guid CompanyId, Guid PartyId, string Kind);

/// <summary>
/// Tells open pages that a party changed. Modules publish from their outbox integration-event handlers, after the
/// change committed; pages subscribe by party while they are open. Every server node's subscribers hear every change
/// (PostgreSQL <c>NOTIFY</c>); on SQLite, with one node, the change goes straight to this process's subscribers.
/// Delivery is best effort: a page that misses one (its node was restarting) shows the change on its next load.
/// </summary>
public interface IPartyChanges
{
    Task PublishAsync(PartyChange change, CancellationToken ct);

    /// <summary>Calls <paramref name="onChange"/> for every change of the party until the returned handle is disposed.</summary>
    IDisposable Subscribe(Guid companyId, Guid partyId, Func<PartyChange, Task> onChange);
}

/// <summary>This process's subscribers, by company and party; hands each change to those of its party.</summary>
public sealed class PartyChangeSubscribers(ILogger<PartyChangeSubscribers> logger)
{
    private readonly ConcurrentDictionary<(Guid Company, Guid Party), ConcurrentDictionary<Guid, Func<PartyChange, Task>>> _byParty = new();

    public int Count => _byParty.Values.Sum(s => s.Count);

    public IDisposable Add(Guid companyId, Guid partyId, Func<PartyChange, Task> onChange)
    {
        var key = (companyId, partyId);
        var id = Guid.NewGuid();
        _byParty.GetOrAdd(key, _ => new()).TryAdd(id, onChange);
        return new Subscription(() =>
        {
            if (_byParty.TryGetValue(key, out var subscribers) && subscribers.TryRemove(id, out _) && subscribers.IsEmpty)
                _byParty.TryRemove(new KeyValuePair<(Guid, Guid), ConcurrentDictionary<Guid, Func<PartyChange, Task>>>(key, subscribers));
        });
    }

    /// <summary>Calls the party's subscribers one after the other; one that fails is logged and does not stop the others.</summary>
    public async Task DispatchAsync(PartyChange change)
    {
        if (!_byParty.TryGetValue((change.CompanyId, change.PartyId), out var subscribers))
            return;
        foreach (var onChange in subscribers.Values.ToList())
        {
            try
            {
                await onChange(change);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A subscriber to changes of party {PartyId} failed on {Kind}", change.PartyId, change.Kind);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                dispose();
        }
    }
}

/// <summary>One node, SQLite: a change goes to this process's subscribers.</summary>
internal sealed class InProcessPartyChanges(PartyChangeSubscribers subscribers) : IPartyChanges
{
    public Task PublishAsync(PartyChange change, CancellationToken ct) => subscribers.DispatchAsync(change);

    public IDisposable Subscribe(Guid companyId, Guid partyId, Func<PartyChange, Task> onChange) => subscribers.Add(companyId, partyId, onChange);
}

/// <summary>
/// Several nodes, PostgreSQL: a change is sent with <c>pg_notify</c> on one channel; every node's
/// <see cref="PostgresPartyChangeListener"/>, this one's included, hands it to its own subscribers.
/// </summary>
internal sealed class PostgresPartyChanges(
    PartyChangeSubscribers subscribers, IOptions<DatabaseOptions> options, ILogger<PostgresPartyChanges> logger) : IPartyChanges
{
    public const string Channel = "tandem_party_changes";

    /// <summary>
    /// A notice that cannot be sent is logged, not thrown: the integration event that triggered it has other consumers
    /// (webhooks), which must not be retried for the sake of a page's freshness.
    /// </summary>
    public async Task PublishAsync(PartyChange change, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(options.Value.ConnectionString);
            await connection.OpenAsync(ct);
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", PartyChangePayload.Write(change));
            await notify.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "The change of party {PartyId} ({Kind}) could not be announced to open pages", change.PartyId, change.Kind);
        }
    }

    public IDisposable Subscribe(Guid companyId, Guid partyId, Func<PartyChange, Task> onChange) => subscribers.Add(companyId, partyId, onChange);
}

/// <summary>Holds one connection that <c>LISTEN</c>s for party changes, and reconnects when it drops.</summary>
internal sealed class PostgresPartyChangeListener(
    PartyChangeSubscribers subscribers, IOptions<DatabaseOptions> options, ILogger<PostgresPartyChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProvider.Postgres)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let the listener take the node down: open pages only lose freshness until it is back.
                logger.LogWarning(e, "Listening for party changes failed; reconnecting");
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        // Its own connection outside the pool, kept alive so a dead one is noticed.
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString) { Pooling = false, KeepAlive = 30 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Notification += (_, e) =>
        {
            if (e.Channel == PostgresPartyChanges.Channel && PartyChangePayload.TryRead(e.Payload, out var change))
                _ = Task.Run(() => subscribers.DispatchAsync(change), CancellationToken.None);
        };
        await connection.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresPartyChanges.Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        while (!ct.IsCancellationRequested)
            await connection.WaitAsync(ct);
    }
}

/// <summary>The change as <c>company|party|kind</c>: short, well under PostgreSQL's 8,000-byte limit.</summary>
internal static class PartyChangePayload
{
    public static string Write(PartyChange change) =>
        string.Create(CultureInfo.InvariantCulture, $"{change.CompanyId:N}|{change.PartyId:N}|{change.Kind}");

    public static bool TryRead(string payload, out PartyChange change)
    {
        change = null!;
        var parts = payload.Split('|', 3);
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var company) || !Guid.TryParseExact(parts[1], "N", out var party))
            return false;
        change = new PartyChange(company, party, parts[2]);
        return true;
    }
}

public static class PartyChangesRegistration
{
    /// <summary>In-process on SQLite; fanned out across nodes with LISTEN/NOTIFY on PostgreSQL.</summary>
    public static IServiceCollection AddPartyChanges(this IServiceCollection services)
    {
        services.TryAddSingleton<PartyChangeSubscribers>();
        services.TryAddSingleton<InProcessPartyChanges>();
        services.TryAddSingleton<PostgresPartyChanges>();
        services.TryAddSingleton<IPartyChanges>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresPartyChanges>()
            : sp.GetRequiredService<InProcessPartyChanges>());
        services.AddHostedService<PostgresPartyChangeListener>();
        return services;
    }
}
