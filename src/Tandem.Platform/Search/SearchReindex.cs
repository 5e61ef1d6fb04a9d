using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Platform.Search;

/// <summary>
/// One record type's documents for a rebuild: the next batch of records of the current company after an id, each
/// with its document (null when the record should not be found). Built from the same "document for record"
/// function the live path uses, so a rebuild and a save cannot disagree.
/// </summary>
public sealed class SearchReindexSource(string type, Func<IServiceProvider, Guid?, int, CancellationToken, Task<IReadOnlyList<(Guid Id, SearchDocument? Document)>>> batch)
{
    public string Type { get; } = type;

    public Task<IReadOnlyList<(Guid Id, SearchDocument? Document)>> BatchAsync(IServiceProvider services, Guid? after, int take, CancellationToken ct) =>
        batch(services, after, take, ct);

    /// <summary>
    /// A source reading <paramref name="records"/> (a module context's set, filtered to the company) in id order,
    /// each batch starting after the last id of the one before: OFFSET would rescan every earlier row per batch.
    /// </summary>
    public static SearchReindexSource For<TEntity>(string type, Func<IServiceProvider, IQueryable<TEntity>> records, Func<TEntity, SearchDocument?> document)
        where TEntity : Entity =>
        new(type, async (services, after, take, ct) =>
        {
            var query = records(services).AsNoTracking();
            if (after is { } last)
                query = query.Where(e => e.Id > last);
            var rows = await query.OrderBy(e => e.Id).Take(take).ToListAsync(ct);
            return rows.Select(e => (e.Id, document(e))).ToList();
        });
}

/// <summary>How many documents a rebuild wrote for one record type.</summary>
public sealed record ReindexedType(string Type, int Documents);

/// <summary>
/// Rebuilds the search documents of every registered source for a company, a batch per transaction, for data
/// that reached the tables around the API (bulk loads, restores). Idempotent: each document is upserted.
/// </summary>
public sealed class SearchReindex(IServiceScopeFactory scopes, IEnumerable<SearchReindexSource> sources)
{
    public const int DefaultBatchSize = 500;

    public IReadOnlyList<string> Types => sources.Select(s => s.Type).ToList();

    public async Task<IReadOnlyList<ReindexedType>> RunAsync(Guid companyId, int batchSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var done = new List<ReindexedType>();
        foreach (var source in sources)
        {
            var documents = 0;
            for (Guid? after = null; ;)
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem(companyId);
                var batch = await source.BatchAsync(scope.ServiceProvider, after, batchSize, ct);
                var session = scope.ServiceProvider.GetRequiredService<DbSession>();
                var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
                await using (var unit = await session.BeginAsync(ct))
                {
                    foreach (var (id, document) in batch)
                    {
                        if (document is null)
                        {
                            await index.RemoveAsync(source.Type, id, ct);
                            continue;
                        }
                        await index.IndexAsync(document, ct);
                        documents++;
                    }
                    await unit.CommitAsync(ct);
                }
                if (batch.Count < batchSize)
                    break;
                after = batch[^1].Id;
            }
            done.Add(new ReindexedType(source.Type, documents));
        }
        return done;
    }
}
