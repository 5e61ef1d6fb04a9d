using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Platform.Search;

/// <summary>One result: what it is, where to go, and the matching words highlighted.</summary>
/// <param name="Snippet">Plain text around the match.</param>
/// <param name="SnippetHtml">The same text HTML-encoded, with the matched words in &lt;mark&gt;.</param>
public sealed record SearchHit(string Type, string Label, Guid Id, string Title, string? Subtitle, string? Snippet, string? SnippetHtml, string Url);

public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Items);

/// <summary>
/// Ranked full-text search over every module's indexed records (PostgreSQL tsvector + GIN, SQLite FTS5).
/// Only types whose read permission the user holds are searched, and each module's source filters the
/// candidates down to the records the user may see, so ownership rules hold in results too.
/// </summary>
public sealed partial class GlobalSearch(DbSession session, ICompanyContext company, ICurrentUser user, IEnumerable<ISearchSource> sources)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int MaxQueryLength = 200;
    private const int MaxWords = 8;

    /// <summary>
    /// How many matching rows are ranked. On PostgreSQL ranking reads every candidate's tsvector, so a common
    /// word in a million notes would cost hundreds of milliseconds; beyond this many matches the results are
    /// the best of a bounded set, and a second word narrows them as users expect.
    /// </summary>
    internal const int RankingWindow = 1000;
    private const char MarkStart = '\u0002';
    private const char MarkEnd = '\u0003';

    public async Task<Result<SearchResults>> SearchAsync(string? query, string? types, int? limit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query))
            return new Error("query_required", "Type at least one word to search for.", ErrorKind.Validation);
        if (query.Length > MaxQueryLength)
            return new Error("query_too_long", $"A search is at most {MaxQueryLength} characters.", ErrorKind.Validation);
        var words = Words(query);
        if (words.Count == 0)
            return new Error("query_required", "Type at least one word (letters or digits) to search for.", ErrorKind.Validation);
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
            return new Error("limit_out_of_range", $"limit is between 1 and {MaxLimit}.", ErrorKind.Validation);

        var known = sources.ToDictionary(s => s.Type, StringComparer.Ordinal);
        var wanted = string.IsNullOrWhiteSpace(types)
            ? known.Keys.ToList()
            : types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (wanted.FirstOrDefault(t => !known.ContainsKey(t)) is { } unknown)
            return new Error("type_unknown", $"'{unknown}' is not a searchable type. Known: {string.Join(", ", known.Keys.Order())}.", ErrorKind.Validation);
        var allowed = wanted.Where(t => user.HasPermission(known[t].ReadPermission)).ToList();
        if (allowed.Count == 0)
            return new SearchResults(query, []);

        // Whole words first: an exact term reads one posting list, and GIN skips through a common word's list when a
        // rarer word is beside it. Prefixes ("jan smi") only when the whole words matched fewer records than are
        // ranked and did not fill the page, because a short prefix of a common word ("the") unions the lists of
        // every word it begins.
        var hits = new List<SearchHit>(take);
        var seen = new HashSet<Guid>();
        foreach (var prefix in new[] { false, true })
        {
            var ranked = await RankedAsync(Match(words, prefix), allowed, ct);
            var picked = await VisibleAsync(ranked.Where(r => seen.Add(r.Id)).ToList(), known, take - hits.Count, ct);
            var details = await DetailsAsync(Match(words, prefix), picked, ct);
            hits.AddRange(picked.Where(details.ContainsKey).Select(r => ToHit(details[r], known[r.Type].Label)));
            if (hits.Count == take || ranked.Count == RankingWindow)
                break;
        }
        return new SearchResults(query, hits);
    }

    /// <summary>
    /// The first <paramref name="take"/> candidates the user may see, in rank order. Each source is asked about a
    /// slice of the candidates at a time: a small one first, then one sized by the share the user saw in it, so a
    /// user who sees most records asks once and a rep who sees only their own usually twice.
    /// </summary>
    private static async Task<List<Ranked>> VisibleAsync(List<Ranked> ranked, Dictionary<string, ISearchSource> sources, int take, CancellationToken ct)
    {
        var picked = new List<Ranked>(take);
        var start = 0;
        var slice = Math.Max(take * 2, 40);
        while (start < ranked.Count && picked.Count < take)
        {
            if (start > 0)
                slice = Math.Max(slice * 2, (take - picked.Count) * 3 * start / Math.Max(picked.Count, 1) / 2);
            var candidates = ranked.Skip(start).Take(slice).ToList();
            start += candidates.Count;
            var visible = new Dictionary<string, IReadOnlySet<Guid>>(StringComparer.Ordinal);
            foreach (var group in candidates.GroupBy(r => r.Type))
                visible[group.Key] = await sources[group.Key].VisibleAsync(group.Select(r => r.Id).ToList(), ct);
            picked.AddRange(candidates.Where(r => visible[r.Type].Contains(r.Id)).Take(take - picked.Count));
        }
        return picked;
    }

    /// <summary>Letters and digits only: nothing a user types can change the query's syntax.</summary>
    internal static IReadOnlyList<string> Words(string query) =>
        WordPattern().Matches(query).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length <= 64).Distinct().Take(MaxWords).ToList();

    private string Match(IReadOnlyList<string> words, bool prefix) =>
        session.Provider == DatabaseProvider.Postgres
            ? string.Join(" & ", words.Select(w => prefix ? w + ":*" : w))
            : string.Join(" ", words.Select(w => prefix ? $"\"{w}\"*" : $"\"{w}\""));

    /// <summary>The best matches, best first: type and id only, so the ranking reads no wide column.</summary>
    private async Task<List<Ranked>> RankedAsync(string match, IReadOnlyList<string> types, CancellationToken ct)
    {
        var typeParameters = string.Join(", ", types.Select((_, i) => $"@t{i}"));
        var sql = session.Provider == DatabaseProvider.Postgres
            ? PostgresRanking(typeParameters)
            : $"""
                SELECT d.type, d.record_id
                FROM search_documents_fts JOIN search_documents d ON d.seq = search_documents_fts.rowid
                WHERE search_documents_fts MATCH @q AND d.company_id = @company AND d.type IN ({typeParameters})
                ORDER BY bm25(search_documents_fts, 10.0, 4.0, 1.0), d.record_id
                LIMIT {RankingWindow}
                """;
        var ranked = new List<Ranked>();
        await ReadAsync(sql, command =>
        {
            command.With(session.Provider, "@q", match).With(session.Provider, "@company", company.CompanyId);
            for (var i = 0; i < types.Count; i++)
                command.With(session.Provider, $"@t{i}", types[i]);
        }, reader => ranked.Add(new Ranked(reader.GetString(0), ReadGuid(reader, 1))), ct);
        return ranked;
    }

    /// <summary>Title, link and the highlighted passage of the page's rows only.</summary>
    private async Task<Dictionary<Ranked, Candidate>> DetailsAsync(string match, IReadOnlyList<Ranked> picked, CancellationToken ct)
    {
        var details = new Dictionary<Ranked, Candidate>();
        if (picked.Count == 0)
            return details;
        var idParameters = string.Join(", ", picked.Select((_, i) => $"@i{i}"));
        var types = picked.Select(r => r.Type).Distinct().ToList();
        // The type as well as the id, so PostgreSQL probes the key (company, type, id) rather than reading the company's whole index.
        var typeParameters = string.Join(", ", types.Select((_, i) => $"@t{i}"));
        var sql = session.Provider == DatabaseProvider.Postgres
            ? $"""
                SELECT d.type, d.record_id, d.title, d.subtitle, d.url,
                       ts_headline('simple', coalesce(d.body, d.subtitle, d.title), to_tsquery('simple', @q),
                                   'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=24, MinWords=10, MaxFragments=1')
                FROM search.documents d
                WHERE d.company_id = @company AND d.type IN ({typeParameters}) AND d.record_id IN ({idParameters})
                """
            : $"""
                SELECT d.type, d.record_id, d.title, d.subtitle, d.url,
                       snippet(search_documents_fts, -1, char(2), char(3), '…', 16)
                FROM search_documents_fts JOIN search_documents d ON d.seq = search_documents_fts.rowid
                WHERE search_documents_fts MATCH @q AND d.company_id = @company AND d.type IN ({typeParameters}) AND d.record_id IN ({idParameters})
                """;
        await ReadAsync(sql, command =>
        {
            command.With(session.Provider, "@q", match).With(session.Provider, "@company", company.CompanyId);
            for (var i = 0; i < picked.Count; i++)
                command.With(session.Provider, $"@i{i}", picked[i].Id);
            for (var i = 0; i < types.Count; i++)
                command.With(session.Provider, $"@t{i}", types[i]);
        }, reader =>
        {
            var candidate = Read(reader);
            details[new Ranked(candidate.Type, candidate.Id)] = candidate;
        }, ct);
        return details;
    }

    private async Task ReadAsync(string sql, Action<DbCommand> parameters, Action<DbDataReader> row, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        await using (var command = PlatformSql.Command(session.Connection, session.Transaction, sql))
        {
            parameters(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                row(reader);
        }
        await unit.CommitAsync(ct);
    }

    /// <summary>
    /// Ranks a bounded window of matches (see <see cref="RankingWindow"/>); the window's rows are found through the
    /// GIN index and only their tsvectors are read.
    /// </summary>
    internal static string PostgresRanking(string typeParameters) => $"""
        WITH query AS (SELECT to_tsquery('simple', @q) AS q)
        SELECT w.type, w.record_id
        FROM (SELECT d.type, d.record_id, d.terms
              FROM search.documents d, query
              WHERE d.company_id = @company AND d.type IN ({typeParameters}) AND d.terms @@ query.q
              LIMIT {RankingWindow}) w, query
        ORDER BY ts_rank_cd(w.terms, query.q) DESC, w.record_id
        """;

    private static Guid ReadGuid(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) is Guid id ? id : Guid.Parse(reader.GetString(ordinal));

    private static Candidate Read(DbDataReader reader) => new(
        reader.GetString(0),
        ReadGuid(reader, 1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5));

    private static SearchHit ToHit(Candidate candidate, string label)
    {
        var marked = candidate.Snippet;
        var plain = marked?.Replace(MarkStart.ToString(), "", StringComparison.Ordinal).Replace(MarkEnd.ToString(), "", StringComparison.Ordinal);
        var html = marked is null
            ? null
            : WebUtility.HtmlEncode(marked).Replace(MarkStart.ToString(), "<mark>", StringComparison.Ordinal).Replace(MarkEnd.ToString(), "</mark>", StringComparison.Ordinal);
        return new SearchHit(candidate.Type, label, candidate.Id, candidate.Title, candidate.Subtitle, plain, html, candidate.Url);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    private sealed record Ranked(string Type, Guid Id);

    private sealed record Candidate(string Type, Guid Id, string Title, string? Subtitle, string Url, string? Snippet);
}
