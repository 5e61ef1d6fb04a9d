using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Parties.Features.ListParties;

/// <summary>Filters a user can combine on the party list; <see cref="CustomFields"/> holds <c>cf.key=value</c> pairs.</summary>
public sealed record PartyFilter(string? Name = null, string? Role = null, string? Tag = null)
{
    public IReadOnlyList<KeyValuePair<string, string?>> CustomFields { get; init; } = [];
}

internal sealed class ListPartiesQuery(PartiesDb db, DbSession session, CustomFieldService customFields)
{
    internal static readonly SortMap<Party> Sorts = new SortMap<Party>("name")
        .Add("name", p => p.Name)
        .Add("number", p => p.Number)
        .Add("createdAt", p => p.CreatedAt);

    public async Task<Result<Page<PartyRow>>> HandleAsync(PartyFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        if (!query.IsSuccess)
            return query.Error!;
        return await query.Value.ToPageAsync(page, Sorts, PartyRow.Projection, ct);
    }

    /// <summary>Every party the filter keeps, by name, as CSV with one column per custom field.</summary>
    public async Task<Result<Func<Stream, Task>>> ExportAsync(PartyFilter filter, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        if (!query.IsSuccess)
            return query.Error!;
        var fields = await customFields.DefinitionsAsync(CustomFieldRecordTypes.Party, ct);
        var rows = query.Value.OrderBy(p => p.Name).ThenBy(p => p.Id).Select(PartyRow.Projection).AsAsyncEnumerable();
        return Csv.Export(
            new[] { "number", "name", "kind", "email", "phone", "taxId", "roles", "tags", "createdAt" }.Concat(CustomFieldColumns.Headers(fields)),
            rows,
            row => new[]
            {
                row.Number, row.Name, row.Kind.ToString().ToLowerInvariant(), row.Email, row.Phone, row.TaxId,
                string.Join(' ', row.Roles), string.Join(' ', row.Tags), row.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }.Concat(CustomFieldColumns.Cells(fields, row.CustomFields)),
            ct);
    }

    private async Task<Result<IQueryable<Party>>> FilterAsync(PartyFilter filter, CancellationToken ct)
    {
        // Merged parties stay for history but never show in lists.
        var query = db.Parties.AsNoTracking().Where(p => p.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            // A prefix match keeps the (company, name) index usable on a million rows.
            var prefix = filter.Name.Trim();
            query = query.Where(p => p.Name.StartsWith(prefix));
        }
        switch (filter.Role?.ToLowerInvariant())
        {
            case null or "":
                break;
            case "prospect":
                query = query.Where(p => p.IsProspect);
                break;
            case "customer":
                query = query.Where(p => p.IsCustomer);
                break;
            case "supplier":
                query = query.Where(p => p.IsSupplier);
                break;
            default:
                return Error.Validation("role", "prospect, customer or supplier.");
        }
        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            var tag = filter.Tag.Trim().ToLowerInvariant();
            query = query.Where(p => p.Tags.Contains(tag));
        }
        var customFilters = await customFields.FiltersAsync(CustomFieldRecordTypes.Party, filter.CustomFields, ct);
        if (!customFilters.IsSuccess)
            return customFilters.Error!;
        return Result<IQueryable<Party>>.Success(query.WhereCustomFields(p => p.CustomFields, customFilters.Value, session.Provider));
    }
}

internal static class ListPartiesEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapGet("/", async (int? limit, string? after, string? sort, string? name, string? role, string? tag, string? format,
                    HttpContext http, ListPartiesQuery query, CancellationToken ct) =>
            {
                var filter = new PartyFilter(name, role, tag) { CustomFields = CustomFieldColumns.Filters(http.Request.Query) };
                switch (format)
                {
                    case null or "json":
                        return (await query.HandleAsync(filter, new PageRequest(limit, after, sort), ct)).ToHttp();
                    case "csv":
                        var export = await query.ExportAsync(filter, ct);
                        return export.IsSuccess ? Results.Stream(export.Value, Csv.ContentType, "parties.csv") : Problems.From(export.Error!);
                    default:
                        return Problems.From(Error.Validation("format", "json or csv."));
                }
            })
            .RequireAuthorization(PartiesPermissions.Read)
            .WithName("ListParties")
            .WithSummary("List parties a page at a time (keyset: pass nextCursor as after); filter by name prefix, role, tag and cf.<key>; ?format=csv exports every match");
}
