using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Features.GetParty;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Parties.Features.UpdateParty;

/// <summary>Changes a party's details when the caller has seen its current version; a new name is published as <see cref="PartyRenamed"/>.</summary>
internal sealed class UpdatePartyHandler(PartiesDb db, DbSession session, IOutbox outbox, CustomFieldService customFields)
{
    public async Task<Result<PartyDto>> HandleAsync(Guid id, PartyInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var party = await GetPartyQuery.LoadAsync(db.Parties, id, ct);
        if (party is null)
            return Error.NotFound("Party");
        if (checkVersion(party.Version) is { } stale)
            return stale;
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        var values = await customFields.ValidateChangeAsync(CustomFieldRecordTypes.Party, input.CustomFields, party.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;
        await using var unit = await session.BeginAsync(ct);
        var oldName = party.Name;
        party.Change(details, values.Value);
        db.TrackNewDetails(party);
        await db.SaveChangesAsync(ct);
        if (!string.Equals(oldName, party.Name, StringComparison.Ordinal))
            outbox.Publish(new PartyRenamed(party.CompanyId, party.Id, party.Name));
        await unit.CommitAsync(ct);
        return PartyDto.FromRecord(party);
    }
}

internal static class UpdatePartyEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapPut("/{id:guid}", async (Guid id, PartyInput input, UpdatePartyHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, input, version => ETags.Check(http.Request, version), ct)).ToHttpWithETag(http.Response, party => party.Version))
            .RequireAuthorization(PartiesPermissions.Write)
            .WithName("UpdateParty")
            .WithSummary("Change a party; send its ETag in If-Match; lists left out keep their entries");
}
