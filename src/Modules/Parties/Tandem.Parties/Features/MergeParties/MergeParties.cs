using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Parties.Features.MergeParties;

public sealed record MergeRequest(Guid MergedId);

/// <summary>How many references each module re-pointed.</summary>
public sealed record RepointedReferences(string Holder, int Count);

public sealed record MergeOutcome(PartyDto Survivor, Guid MergedId, IReadOnlyList<RepointedReferences> Repointed);

/// <summary>
/// Merges one party into another in one transaction: the survivor gains the details it lacks, every module
/// re-points its references, the merged party is kept marked as merged, and <see cref="PartiesMerged"/> is published.
/// </summary>
internal sealed class MergePartiesHandler(
    PartiesDb db, DbSession session, IEnumerable<IPartyReferenceHolder> holders, IOutbox outbox, TimeProvider clock)
{
    public async Task<Result<MergeOutcome>> HandleAsync(Guid survivorId, Guid mergedId, CancellationToken ct)
    {
        if (survivorId == mergedId)
            return new Error("merge_into_self", "A party cannot be merged into itself.");
        var parties = await db.Parties.Include(p => p.Addresses).Include(p => p.ContactPoints).Include(p => p.TaxIds)
            .AsSplitQuery()
            .Where(p => p.Id == survivorId || p.Id == mergedId)
            .ToListAsync(ct);
        var survivor = parties.SingleOrDefault(p => p.Id == survivorId);
        var merged = parties.SingleOrDefault(p => p.Id == mergedId);
        if (survivor is null)
            return Error.NotFound("Party");
        if (merged is null)
            return new Error("not_found", "The party to merge was not found.", ErrorKind.NotFound) { Fields = new Dictionary<string, string[]> { ["mergedId"] = ["No such party."] } };
        if (merged.RefuseMergeInto(survivor) is { } refused)
            return refused;

        await using var unit = await session.BeginAsync(ct);
        merged.MergeInto(survivor, CustomFieldValues.Merge(survivor.CustomFields, merged.CustomFields), clock.GetUtcNow());
        db.TrackNewDetails(survivor);
        await db.SaveChangesAsync(ct);
        var repointed = new List<RepointedReferences>();
        foreach (var holder in holders)
            repointed.Add(new RepointedReferences(holder.Name, await holder.RepointAsync(mergedId, survivorId, ct)));
        outbox.Publish(new PartiesMerged(survivor.CompanyId, survivorId, mergedId));
        await unit.CommitAsync(ct);
        return new MergeOutcome(PartyDto.FromRecord(survivor), mergedId, repointed);
    }
}

internal static class MergePartiesEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapPost("/{survivorId:guid}/merge", async (Guid survivorId, MergeRequest request, MergePartiesHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(survivorId, request.MergedId, ct)).ToHttp())
            .RequireAuthorization(PartiesPermissions.Merge)
            .WithName("MergeParties")
            .WithSummary("Merge another party into this one: details are combined and every module's references re-pointed");
}
