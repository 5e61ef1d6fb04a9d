using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Search;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Search;

/// <summary>
/// A record type only these tests index, with record-level visibility: ids in <see cref="Hidden"/> are
/// matched by the index but belong to someone else, as another rep's lead would.
/// </summary>
public sealed class MemoSource : ISearchSource
{
    public const string TypeName = "memo";

    public static ConcurrentDictionary<Guid, bool> Hidden { get; } = new();

    public string Type => TypeName;
    public string Label => "Memo";
    public string ReadPermission => "parties.read";

    public Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<Guid>>(ids.Where(id => !Hidden.ContainsKey(id)).ToHashSet());
}

public sealed class SearchSqliteServer : SqliteServer
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ISearchSource, MemoSource>();
}

public sealed class SearchPostgresServer : PostgresServer
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ISearchSource, MemoSource>();
}
