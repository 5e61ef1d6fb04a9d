using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Platform.Search;

/// <summary>One record as the global search sees it: what to match, what to show, where to go.</summary>
/// <param name="Type">The record type, such as "party", "lead" or "note"; a registered <see cref="ISearchSource"/> answers for it.</param>
/// <param name="Body">Further text to match, such as a note's text; shown as a highlighted snippet.</param>
/// <param name="Url">The page that shows the record, such as "/parties/{id}".</param>
public sealed record SearchDocument(string Type, Guid Id, string Title, string? Subtitle, string? Body, string Url);

/// <summary>
/// Keeps the search index in step with the records. Modules call it in the same unit of work that
/// changes the record, so the index never shows what was rolled back.
/// </summary>
public interface ISearchIndex
{
    Task IndexAsync(SearchDocument document, CancellationToken ct);

    Task RemoveAsync(string type, Guid id, CancellationToken ct);
}

/// <summary>
/// Registered by each module for each record type it indexes: the permission needed to see that type
/// at all, and which of a set of matching records the current user may see (record ownership).
/// </summary>
public interface ISearchSource
{
    string Type { get; }

    /// <summary>How the result list names the type, such as "Lead".</summary>
    string Label { get; }

    string ReadPermission { get; }

    Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);
}

public static class SearchRegistration
{
    /// <summary>The index tables, the writer, the save participant that applies projections, and the query.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddModuleDb<SearchDb, SearchDbSqlite, SearchDbPostgres>(SearchDb.SchemaName);
        services.AddScoped<ISearchIndex, SqlSearchIndex>();
        services.AddScoped<ISaveChangesParticipant, SearchIndexer>();
        services.AddScoped<GlobalSearch>();
        services.AddSingleton<SearchReindex>();
        return services;
    }

    /// <summary>
    /// Indexes a module's record on every save from its own fields; <paramref name="project"/> returns null when
    /// the record should not be found (it is then removed from the index).
    /// </summary>
    public static IServiceCollection AddSearchProjection<TEntity>(this IServiceCollection services, string type, Func<TEntity, SearchDocument?> project)
        where TEntity : Entity
    {
        services.AddSingleton(new SearchProjection(typeof(TEntity), type, entity => project((TEntity)entity)));
        return services;
    }

    /// <summary>
    /// As <see cref="AddSearchProjection{TEntity}(IServiceCollection, string, Func{TEntity, SearchDocument?})"/>, and the
    /// <c>search reindex</c> command rebuilds the type's documents from <paramref name="records"/> with the same projection.
    /// </summary>
    public static IServiceCollection AddSearchProjection<TEntity>(
        this IServiceCollection services, string type, Func<TEntity, SearchDocument?> project, Func<IServiceProvider, IQueryable<TEntity>> records)
        where TEntity : Entity
    {
        services.AddSearchProjection(type, project);
        return services.AddSearchReindexSource(type, records, project);
    }

    /// <summary>
    /// For a module that indexes with explicit calls: the <c>search reindex</c> command rebuilds the type's documents
    /// from <paramref name="records"/> with <paramref name="document"/>, the function the explicit calls use.
    /// </summary>
    public static IServiceCollection AddSearchReindexSource<TEntity>(
        this IServiceCollection services, string type, Func<IServiceProvider, IQueryable<TEntity>> records, Func<TEntity, SearchDocument?> document)
        where TEntity : Entity
    {
        services.AddSingleton(SearchReindexSource.For(type, records, document));
        return services;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder api)
    {
        api.MapGet("/search", async (string? q, string? types, int? limit, GlobalSearch search, CancellationToken ct) =>
                (await search.SearchAsync(q, types, limit, ct)).ToHttp())
            .RequireAuthorization()
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Ranked full-text search across the records you may see, with highlighted snippets");
        return api;
    }
}

/// <summary>For record types without ownership: whoever holds the read permission sees every record.</summary>
public sealed class PermissionSearchSource(string type, string label, string readPermission) : ISearchSource
{
    public string Type { get; } = type;
    public string Label { get; } = label;
    public string ReadPermission { get; } = readPermission;

    public Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<Guid>>(ids.ToHashSet());
}
