using Microsoft.EntityFrameworkCore;
using Tandem.SharedKernel;

namespace Tandem.Platform.Persistence;

/// <summary>
/// Base of every module's DbContext: its own schema (a table prefix on SQLite), company scoping,
/// optimistic concurrency, exact decimals, the shared connection and transaction, and the
/// save-time participants (audit trail, outbox) that must commit with the business change.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, ModuleDbServices services) : DbContext(options)
{
    /// <summary>The PostgreSQL schema and the SQLite table prefix of the module, e.g. <c>parties</c>.</summary>
    public abstract string Schema { get; }

    protected ModuleDbServices Services { get; } = services;

    /// <summary>Read by the company query filter each time a query runs.</summary>
    protected Guid CurrentCompanyId => Services.Company.CompanyId;

    internal Guid CurrentCompanyIdForFilter => Services.Company.CompanyId;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        ModelConventions.Configure(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ConfigureModel(modelBuilder);
        CustomFields.CustomFieldStorage.RegisterFunctions(modelBuilder);
        ModelConventions.ApplyCompanyFilter(modelBuilder, this);
        ModelConventions.Finish(modelBuilder, Schema, Database.IsNpgsql());
    }

    /// <summary>The module's own mappings.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: saving joins the shared unit of work.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var session = Services.Session;
        await using var unit = await session.BeginAsync(cancellationToken);
        session.Enlist(this);
        var changes = SaveChangesPreparation.Prepare(this, Services);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var participant in Services.Participants)
            await participant.OnSavedAsync(this, changes, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return written;
    }
}

/// <summary>What every module context needs from the request scope, in one constructor argument.</summary>
public sealed class ModuleDbServices(
    DbSession session,
    ICompanyContext company,
    ICurrentUser user,
    TimeProvider clock,
    IEnumerable<ISaveChangesParticipant> participants)
{
    public DbSession Session { get; } = session;
    public ICompanyContext Company { get; } = company;
    public ICurrentUser User { get; } = user;
    public TimeProvider Clock { get; } = clock;
    public IEnumerable<ISaveChangesParticipant> Participants { get; } = participants;
}

/// <summary>Work that must commit in the same transaction as a module's save: audit rows, outbox messages.</summary>
public interface ISaveChangesParticipant
{
    Task OnSavedAsync(DbContext context, IReadOnlyList<EntityChange> changes, CancellationToken ct);
}

public enum ChangeAction
{
    Insert,
    Update,
    Delete,
}

/// <summary>One business record's change in a save, with the changed fields' values before and after.</summary>
public sealed record EntityChange(
    Entity Entity,
    string EntityType,
    Guid EntityId,
    Guid CompanyId,
    ChangeAction Action,
    IReadOnlyDictionary<string, FieldChange> Fields);

public sealed record FieldChange(object? Before, object? After);
