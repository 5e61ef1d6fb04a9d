using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

/// <summary>Stands in until a real index is registered; writes nothing.</summary>
internal sealed class NoSearchIndex : ISearchIndex
{
    public Task IndexAsync(SearchDocument document, CancellationToken ct) => Task.CompletedTask;

    public Task RemoveAsync(string type, Guid id, CancellationToken ct) => Task.CompletedTask;
}

public static class SearchRegistration
{
    public static IServiceCollection AddSearchIndexFallback(this IServiceCollection services)
    {
        services.TryAddScoped<ISearchIndex, NoSearchIndex>();
        return services;
    }
}
