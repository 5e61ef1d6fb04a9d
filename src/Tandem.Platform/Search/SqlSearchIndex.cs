using Tandem.Platform.Persistence;

namespace Tandem.Platform.Search;

/// <summary>Writes index rows on the shared connection, inside the unit of work of the change they describe.</summary>
internal sealed class SqlSearchIndex(DbSession session, ICompanyContext company, TimeProvider clock) : ISearchIndex
{
    /// <summary>Long texts are cut: nobody searches for the 20,001st character of a note, and the index stays small.</summary>
    internal const int MaxBodyLength = 20_000;

    public async Task IndexAsync(SearchDocument document, CancellationToken ct)
    {
        var companyId = RequireCompany();
        var sql = $"""
            INSERT INTO {SearchSql.Documents(session.Provider)} (company_id, type, record_id, title, subtitle, body, url, updated_at)
            VALUES (@company, @type, @record, @title, @subtitle, @body, @url, @now)
            ON CONFLICT (company_id, type, record_id) DO UPDATE SET
                title = excluded.title, subtitle = excluded.subtitle, body = excluded.body,
                url = excluded.url, updated_at = excluded.updated_at
            """;
        await ExecuteAsync(sql, ct,
            ("@company", companyId), ("@type", document.Type), ("@record", document.Id),
            ("@title", Clean(document.Title, 400) ?? ""), ("@subtitle", Clean(document.Subtitle, 400)),
            ("@body", Clean(document.Body, MaxBodyLength)), ("@url", document.Url), ("@now", clock.GetUtcNow().UtcDateTime));
    }

    public Task RemoveAsync(string type, Guid id, CancellationToken ct) =>
        ExecuteAsync($"DELETE FROM {SearchSql.Documents(session.Provider)} WHERE company_id = @company AND type = @type AND record_id = @record", ct,
            ("@company", RequireCompany()), ("@type", type), ("@record", id));

    private Guid RequireCompany() =>
        company.CompanyId != Guid.Empty
            ? company.CompanyId
            : throw new InvalidOperationException("A search document cannot be written outside a company.");

    private async Task ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var unit = await session.BeginAsync(ct);
        await using (var command = PlatformSql.Command(session.Connection, session.Transaction, sql))
        {
            foreach (var (name, value) in parameters)
                command.With(session.Provider, name, value);
            await command.ExecuteNonQueryAsync(ct);
        }
        await unit.CommitAsync(ct);
    }

    /// <summary>Control characters would break the highlight markers; they carry no words anyway.</summary>
    private static string? Clean(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var cleaned = string.Create(Math.Min(text.Length, max), text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        });
        return cleaned.Trim();
    }
}

internal static class SearchSql
{
    public static string Documents(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? "search.documents" : "search_documents";
}
