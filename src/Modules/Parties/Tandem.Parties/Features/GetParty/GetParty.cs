using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Parties.Features.GetParty;

internal sealed class GetPartyQuery(PartiesDb db)
{
    public async Task<Result<PartyDto>> HandleAsync(Guid id, CancellationToken ct) =>
        await db.Parties.AsNoTracking().Where(p => p.Id == id).Select(PartyDto.Projection).SingleOrDefaultAsync(ct) is { } party
            ? party
            : Error.NotFound("Party");
}

internal static class GetPartyEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapGet("/{id:guid}", async (Guid id, GetPartyQuery query, HttpContext http, CancellationToken ct) =>
                (await query.HandleAsync(id, ct)).ToHttpWithETag(http.Response, party => party.Version))
            .RequireAuthorization(PartiesPermissions.Read)
            .WithName("GetParty")
            .WithSummary("Read one party; the ETag header carries its version");
}
