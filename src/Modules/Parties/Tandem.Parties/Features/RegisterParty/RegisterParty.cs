using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.Numbering;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Parties.Features.RegisterParty;

/// <summary>Registers a party in the master with the next party number.</summary>
internal sealed class RegisterPartyHandler(PartiesDb db, DbSession session, DocumentNumbers numbers, IOutbox outbox, TimeProvider clock)
{
    public const string Sequence = "party";

    public async Task<Result<PartyDto>> HandleAsync(PartyInput input, CancellationToken ct)
    {
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        await using var unit = await session.BeginAsync(ct);
        var number = await numbers.NextAsync(Sequence, 0, ct);
        var party = Party.Register($"P{number:D6}", details, clock.GetUtcNow());
        db.Parties.Add(party);
        await db.SaveChangesAsync(ct);
        outbox.Publish(new PartyRegistered(party.CompanyId, party.Id, party.Number, party.Name, party.Kind));
        await unit.CommitAsync(ct);
        return PartyDto.FromRecord(party);
    }
}

internal static class RegisterPartyEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapPost("/", async (PartyInput input, RegisterPartyHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(input, ct)).ToHttp(party => Results.Created($"/api/v1/parties/{party.Id}", party)))
            .RequireAuthorization(PartiesPermissions.Write)
            .WithName("RegisterParty")
            .WithSummary("Register an organisation or a person in the party master");
}
