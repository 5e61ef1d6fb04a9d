using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Parties.Features.GetParty;

internal sealed class GetPartyQuery(PartiesDb db)
{
    /// <summary>The party with its details; a merged party answers with <c>mergedIntoId</c>, the survivor to use.</summary>
    public async Task<Result<PartyDto>> HandleAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(db.Parties.AsNoTracking(), id, ct) is { } party
            ? PartyDto.FromRecord(party)
            : Error.NotFound("Party");

    internal static Task<Party?> LoadAsync(IQueryable<Party> parties, Guid id, CancellationToken ct) =>
        parties.Include(p => p.Addresses).Include(p => p.ContactPoints).Include(p => p.TaxIds)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, ct);
}

internal static class GetPartyEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapGet("/{id:guid}", async (Guid id, GetPartyQuery query, HttpContext http, CancellationToken ct) =>
                (await query.HandleAsync(id, ct)).ToHttpWithETag(http.Response, party => party.Version))
            .RequireAuthorization(PartiesPermissions.Read)
            .WithName("GetParty")
            .WithSummary("Read one party; the ETag header carries its version; a merged party names its survivor in mergedIntoId");
}
