using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Tandem.Platform.Persistence;

/// <summary>
/// The one connection and the one transaction that every module DbContext of a request shares,
/// so a use case that touches several modules commits or rolls back as a whole.
/// </summary>
public sealed class DbSession(IOptions<DatabaseOptions> options) : IAsyncDisposable, IDisposable
{
    private readonly List<DbContext> _enlisted = [];
    private readonly List<Func<CancellationToken, Task>> _beforeCommit = [];
    private readonly List<Action> _afterCommit = [];
    private DbConnection? _connection;

    public DatabaseProvider Provider { get; } = options.Value.Provider;

    public DbConnection Connection => _connection ??= CreateConnection(options.Value);

    public DbTransaction? Transaction { get; private set; }

    /// <summary>
    /// Opens the shared connection and keeps it open until the scope ends. Without it, every query opens and returns
    /// the connection to the pool, and PostgreSQL resets it each time: an API request that reads a customer's page
    /// would pay that round trip some thirty times.
    /// </summary>
    public async Task KeepOpenAsync(CancellationToken ct = default)
    {
        if (Connection.State != System.Data.ConnectionState.Open)
            await Connection.OpenAsync(ct);
    }

    /// <summary>Starts the unit of work. Contexts that save before it is committed join it.</summary>
    public async Task<UnitOfWork> BeginAsync(CancellationToken ct = default)
    {
        if (Transaction is not null)
            return new UnitOfWork(this, owner: false);
        if (Connection.State != System.Data.ConnectionState.Open)
            await Connection.OpenAsync(ct);
        Transaction = await Connection.BeginTransactionAsync(ct);
        return new UnitOfWork(this, owner: true);
    }

    /// <summary>Makes a context use the current transaction; called by the contexts before they save.</summary>
    public void Enlist(DbContext context)
    {
        if (Transaction is null)
            return;
        if (context.Database.CurrentTransaction?.GetDbTransaction() == Transaction)
            return;
        // The unit of work commits or rolls back as a whole, so the savepoint EF sets around each save in a running
        // transaction (two more round trips per save) would never be used.
        context.Database.AutoSavepointsEnabled = false;
        context.Database.UseTransaction(Transaction);
        _enlisted.Add(context);
    }

    /// <summary>Work that must be written in the transaction just before it commits (the outbox flushes its messages here).</summary>
    public void BeforeCommit(Func<CancellationToken, Task> work)
    {
        if (Transaction is null)
            throw new InvalidOperationException("Nothing to commit: begin the unit of work first.");
        _beforeCommit.Add(work);
    }

    /// <summary>Work to run once the transaction has committed (waking the outbox dispatcher); dropped on rollback.</summary>
    public void AfterCommit(Action work)
    {
        if (Transaction is null)
            throw new InvalidOperationException("Nothing to commit: begin the unit of work first.");
        _afterCommit.Add(work);
    }

    internal async Task EndAsync(bool commit, CancellationToken ct)
    {
        if (Transaction is null)
            return;
        var committed = false;
        try
        {
            if (commit)
            {
                // A before-commit step may register another, so drain until none is left.
                while (_beforeCommit.Count > 0)
                {
                    var work = _beforeCommit[0];
                    _beforeCommit.RemoveAt(0);
                    await work(ct);
                }
                await Transaction.CommitAsync(ct);
                committed = true;
            }
            else
            {
                await Transaction.RollbackAsync(ct);
            }
        }
        finally
        {
            var afterCommit = committed ? _afterCommit.ToList() : [];
            _beforeCommit.Clear();
            _afterCommit.Clear();
            await Transaction.DisposeAsync();
            Transaction = null;
            foreach (var context in _enlisted)
            {
                context.Database.UseTransaction(null);
                if (!commit)
                    context.ChangeTracker.Clear();
            }
            _enlisted.Clear();
            foreach (var work in afterCommit)
                work();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
            await EndAsync(commit: false, CancellationToken.None);
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    // Synchronous scopes (the data-protection key store makes one) dispose this way.
    public void Dispose()
    {
        if (Transaction is not null)
        {
            Transaction.Rollback();
            Transaction.Dispose();
            Transaction = null;
        }
        _connection?.Dispose();
    }

    public static DbConnection CreateConnection(DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.Postgres => new NpgsqlConnection(options.ConnectionString),
        _ => new SqliteConnection(options.ConnectionString),
    };
}

/// <summary>A transaction spanning every module context of the scope. Dispose without commit rolls back.</summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly DbSession _session;
    private readonly bool _owner;
    private bool _completed;

    internal UnitOfWork(DbSession session, bool owner)
    {
        _session = session;
        _owner = owner;
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        _completed = true;
        if (_owner)
            await _session.EndAsync(commit: true, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owner && !_completed)
            await _session.EndAsync(commit: false, CancellationToken.None);
    }
}
