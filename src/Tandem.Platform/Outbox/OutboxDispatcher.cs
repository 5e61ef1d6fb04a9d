using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Outbox;

/// <summary>
/// Delivers outbox messages to their handlers after commit. A claim is a lease committed on its own
/// (status processing, locked_until, locked_by); on PostgreSQL the claim skips rows another node holds
/// (<c>FOR UPDATE SKIP LOCKED</c>), so nodes share the work and none delivers a message twice while its
/// lease lives. A node that dies mid-delivery loses its lease when locked_until passes.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<OutboxEventType> eventTypes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, OutboxEventType> _types = eventTypes.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());

    /// <summary>Who holds a lease: unique per dispatcher, so two servers in one process are told apart.</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // The database may be starting or not yet migrated; try again at the next poll.
                LogClaimFailed(logger, e);
            }
            if (claimed >= settings.BatchSize)
                continue;
            try
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims one batch of due messages and delivers them; returns how many were claimed.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var provider = database.Value.Provider;
        var table = PlatformSql.Table(provider, "outbox_messages");
        await using var connection = DbSession.CreateConnection(database.Value);
        await connection.OpenAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var skipLocked = provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var claimed = new List<Claimed>();
        await using (var claim = PlatformSql.Command(connection, null,
                         $"UPDATE {table} SET status = @processing, locked_until = @until, locked_by = @me, attempts = attempts + 1 " +
                         $"WHERE id IN (SELECT id FROM {table} WHERE (status = @pending AND next_attempt_at <= @now) " +
                         $"OR (status = @processing AND locked_until < @now) ORDER BY occurred_at LIMIT @batch {skipLocked}) " +
                         "RETURNING id, company_id, type, payload, occurred_at, attempts")
                     .With(provider, "@processing", OutboxStatus.Processing)
                     .With(provider, "@pending", OutboxStatus.Pending)
                     .With(provider, "@until", now + settings.LeaseDuration)
                     .With(provider, "@me", Instance)
                     .With(provider, "@now", now)
                     .With(provider, "@batch", settings.BatchSize))
        await using (var reader = await claim.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                claimed.Add(new Claimed(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    PlatformSql.ReadInstant(reader, 4), reader.GetInt32(5)));
            }
        }

        foreach (var message in claimed.OrderBy(m => m.OccurredAt))
        {
            string? error = null;
            try
            {
                await DeliverAsync(message, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                error = $"{e.GetType().Name}: {e.Message}";
                LogDeliveryFailed(logger, message.Id, message.Type, message.Attempts, e);
            }
            await FinishAsync(connection, provider, table, message, error, settings, CancellationToken.None);
        }
        return claimed.Count;
    }

    private async Task DeliverAsync(Claimed message, CancellationToken ct)
    {
        // Nobody subscribes to this event in this server: there is nothing to deliver.
        if (!_types.TryGetValue(message.Type, out var type))
            return;
        var integrationEvent = JsonSerializer.Deserialize(message.Payload, type.Type, Outbox.Json)
            ?? throw new JsonException("The payload is empty.");
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem(message.CompanyId);
        await type.Deliver(scope.ServiceProvider, integrationEvent, new IntegrationEventContext(message.Id, message.OccurredAt, message.Attempts), ct);
    }

    // A done message keeps locked_by: which node delivered it is worth knowing when tracing a delivery.
    private async Task FinishAsync(DbConnection connection, DatabaseProvider provider, string table, Claimed message, string? error,
        OutboxOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DbCommand update;
        if (error is null)
        {
            update = PlatformSql.Command(connection, null,
                    $"UPDATE {table} SET status = @done, processed_at = @now, locked_until = NULL WHERE id = @id AND locked_by = @me")
                .With(provider, "@done", OutboxStatus.Done)
                .With(provider, "@now", now);
        }
        else
        {
            var dead = message.Attempts >= settings.MaxAttempts;
            update = PlatformSql.Command(connection, null,
                    $"UPDATE {table} SET status = @status, next_attempt_at = @next, last_error = @error, locked_until = NULL, locked_by = NULL " +
                    "WHERE id = @id AND locked_by = @me")
                .With(provider, "@status", dead ? OutboxStatus.Dead : OutboxStatus.Pending)
                .With(provider, "@next", now + settings.RetryDelay(message.Attempts))
                .With(provider, "@error", error.Length > 4000 ? error[..4000] : error);
        }
        await using (update)
        {
            update.With(provider, "@id", message.Id).With(provider, "@me", Instance);
            await update.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed record Claimed(Guid Id, Guid CompanyId, string Type, string Payload, DateTime OccurredAt, int Attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox claim failed; retrying at the next poll")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Type}) failed on attempt {Attempt}")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid messageId, string type, int attempt, Exception exception);
}
