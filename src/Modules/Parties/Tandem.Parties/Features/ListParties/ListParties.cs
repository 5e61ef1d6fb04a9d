using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Parties.Features.ListParties;

/// <summary>Filters a user can combine on the party list.</summary>
public sealed record PartyFilter(string? Name = null, string? Role = null);

internal sealed class ListPartiesQuery(PartiesDb db)
{
    internal static readonly SortMap<Party> Sorts = new SortMap<Party>("name")
        .Add("name", p => p.Name)
        .Add("number", p => p.Number)
        .Add("createdAt", p => p.CreatedAt);

    public async Task<Result<Page<PartyDto>>> HandleAsync(PartyFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = db.Parties.AsNoTracking();
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
            case "customer":
                query = query.Where(p => p.IsCustomer);
                break;
            case "supplier":
                query = query.Where(p => p.IsSupplier);
                break;
            default:
                return Error.Validation("role", "customer or supplier.");
        }
        return await query.ToPageAsync(page, Sorts, PartyDto.Projection, ct);
    }
}

internal static class ListPartiesEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapGet("/", async (int? limit, string? after, string? sort, string? name, string? role, ListPartiesQuery query, CancellationToken ct) =>
                (await query.HandleAsync(new PartyFilter(name, role), new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(PartiesPermissions.Read)
            .WithName("ListParties")
            .WithSummary("List parties a page at a time (keyset: pass nextCursor as after)");
}
