using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tandem.Platform.Persistence;

/// <summary>Wakes this process's worker as soon as a commit wrote work for it, instead of waiting for the next poll.</summary>
public abstract class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the worker will look once and see every row.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}

/// <summary>How a leased worker polls: the settings the outbox dispatcher and the webhook deliverer share.</summary>
public interface ILeaseSettings
{
    bool Enabled { get; }
    int BatchSize { get; }
    TimeSpan PollInterval { get; }
    TimeSpan LeaseDuration { get; }
}

/// <summary>
/// A background worker that claims due rows of a work table in batches and processes them, shared by the outbox
/// dispatcher and the webhook deliverer. A claim is a lease committed on its own (status <c>processing</c>,
/// <c>locked_until</c>, <c>locked_by</c>, one more attempt); on PostgreSQL it skips rows another node holds
/// (<c>FOR UPDATE SKIP LOCKED</c>), so nodes share the work and none processes a row while another's lease lives.
/// A node that dies mid-batch loses its rows when <c>locked_until</c> passes. The loop runs batches back to back
/// while they come full, then sleeps until the signal or the poll interval, and stops with the host.
/// </summary>
public abstract partial class LeasedWorker(WorkSignal signal, ILogger logger) : BackgroundService
{
    public const string Pending = "pending";
    public const string Processing = "processing";

    /// <summary>Who holds a lease: unique per worker, so two servers in one process are told apart.</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The name the logs give this worker.</summary>
    protected abstract string WorkName { get; }

    protected abstract ILeaseSettings Settings { get; }

    /// <summary>Claims one batch of due rows and processes them; returns how many were claimed.</summary>
    public abstract Task<int> RunBatchAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = Settings;
        if (!settings.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // The database may be starting or not yet migrated; try again at the next poll.
                LogClaimFailed(logger, WorkName, e);
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

    /// <summary>
    /// Leases up to a batch of the table's due rows to this worker: pending rows whose time has come and processing
    /// rows whose lease ran out, in <paramref name="orderBy"/> order; returns <paramref name="columns"/> of each, read by <paramref name="read"/>.
    /// </summary>
    protected async Task<List<T>> ClaimAsync<T>(DbConnection connection, DatabaseProvider provider, string table, string orderBy, string columns,
        DateTime now, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var settings = Settings;
        var skipLocked = provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var claimed = new List<T>();
        await using var claim = PlatformSql.Command(connection, null,
                $"UPDATE {table} SET status = @processing, locked_until = @until, locked_by = @me, attempts = attempts + 1 " +
                $"WHERE id IN (SELECT id FROM {table} WHERE (status = @pending AND next_attempt_at <= @now) " +
                $"OR (status = @processing AND locked_until < @now) ORDER BY {orderBy} LIMIT @batch {skipLocked}) " +
                $"RETURNING {columns}")
            .With(provider, "@processing", Processing)
            .With(provider, "@pending", Pending)
            .With(provider, "@until", now + settings.LeaseDuration)
            .With(provider, "@me", Instance)
            .With(provider, "@now", now)
            .With(provider, "@batch", settings.BatchSize);
        await using var reader = await claim.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            claimed.Add(read(reader));
        return claimed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} claim failed; retrying at the next poll")]
    private static partial void LogClaimFailed(ILogger logger, string work, Exception exception);
}
