using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Platform.Search;

/// <summary>How a module's record becomes a search document; null means "not findable" (the row is removed).</summary>
public sealed class SearchProjection(Type entityType, string type, Func<Entity, SearchDocument?> project)
{
    public Type EntityType { get; } = entityType;
    public string Type { get; } = type;
    public SearchDocument? Project(Entity entity) => project(entity);
}

/// <summary>
/// Keeps the index in step with every save of a projected record, in the save's own transaction, so modules
/// that only need their record's own fields register a projection and write no indexing code.
/// </summary>
internal sealed class SearchIndexer(IEnumerable<SearchProjection> projections, ISearchIndex index) : ISaveChangesParticipant
{
    private readonly Dictionary<Type, SearchProjection> _byEntity = projections.ToDictionary(p => p.EntityType);

    public async Task OnSavedAsync(DbContext context, IReadOnlyList<EntityChange> changes, CancellationToken ct)
    {
        if (_byEntity.Count == 0)
            return;
        foreach (var change in changes)
        {
            if (!_byEntity.TryGetValue(change.Entity.GetType(), out var projection))
                continue;
            var document = change.Action == ChangeAction.Delete ? null : projection.Project(change.Entity);
            if (document is null)
                await index.RemoveAsync(projection.Type, change.EntityId, ct);
            else
                await index.IndexAsync(document, ct);
        }
    }
}
