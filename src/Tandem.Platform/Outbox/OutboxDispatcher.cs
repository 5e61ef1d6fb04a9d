using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Outbox;

/// <summary>
/// Delivers outbox messages to their handlers after commit, claiming them in leased batches (see <see cref="LeasedWorker"/>):
/// nodes share the work and none delivers a message twice while its lease lives.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<OutboxEventType> eventTypes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : LeasedWorker(signal, logger)
{
    private readonly Dictionary<string, OutboxEventType> _types = eventTypes.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());

    protected override string WorkName => "Outbox";

    protected override ILeaseSettings Settings => options.Value;

    public override Task<int> RunBatchAsync(CancellationToken ct) => DispatchBatchAsync(ct);

    /// <summary>Claims one batch of due messages and delivers them; returns how many were claimed.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var provider = database.Value.Provider;
        var table = PlatformSql.Table(provider, "outbox_messages");
        await using var connection = DbSession.CreateConnection(database.Value);
        await connection.OpenAsync(ct);

        var claimed = await ClaimAsync(connection, provider, table, "occurred_at", "id, company_id, type, payload, occurred_at, attempts",
            clock.GetUtcNow().UtcDateTime,
            reader => new Claimed(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                PlatformSql.ReadInstant(reader, 4), reader.GetInt32(5)), ct);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Type}) failed on attempt {Attempt}")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid messageId, string type, int attempt, Exception exception);
}
