using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Domain;
using Tandem.Parties.Features.FindDuplicates;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Numbering;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Parties.Features.RegisterParty;

/// <summary>How a registration treats suspected duplicates and required custom fields.</summary>
internal sealed record RegisterMode(bool RejectDuplicates = false, bool EnforceRequiredFields = true)
{
    public static readonly RegisterMode Default = new();
}

/// <summary>Registers a party in the master with the next party number.</summary>
internal sealed class RegisterPartyHandler(
    PartiesDb db, DbSession session, DocumentNumbers numbers, IOutbox outbox, TimeProvider clock,
    CustomFieldService customFields, DuplicateFinder duplicates)
{
    public const string Sequence = "party";
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "P", Yearly: false, Digits: 6);

    public Task<Result<PartyDto>> HandleAsync(PartyInput input, CancellationToken ct) => HandleAsync(input, RegisterMode.Default, ct);

    public async Task<Result<PartyDto>> HandleAsync(PartyInput input, RegisterMode mode, CancellationToken ct)
    {
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        var definitions = await customFields.DefinitionsAsync(CustomFieldRecordTypes.Party, ct);
        var values = CustomFieldValues.Validate(mode.EnforceRequiredFields ? definitions : definitions.Select(NotRequired).ToList(), input.CustomFields);
        if (!values.IsSuccess)
            return values.Error!;
        var candidates = await duplicates.FindAsync(new DuplicateQuery(details.Name, details.Email, details.Phone, details.TaxId), ct);
        if (mode.RejectDuplicates && candidates.Count > 0)
        {
            return new Error("duplicate_suspected", "Parties that look like this one exist; register anyway or merge.", ErrorKind.Conflict)
            {
                Data = new Dictionary<string, object?> { ["candidates"] = candidates },
            };
        }
        await using var unit = await session.BeginAsync(ct);
        var number = await numbers.NextAsync(NumberFormat, 0, ct);
        var party = Party.Register(number, details, values.Value, clock.GetUtcNow());
        db.Parties.Add(party);
        await db.SaveChangesAsync(ct);
        outbox.Publish(new PartyRegistered(party.CompanyId, party.Id, party.Number, party.Name, party.Kind));
        await unit.CommitAsync(ct);
        return PartyDto.FromRecord(party) with { PossibleDuplicates = candidates };
    }

    private static CustomFieldDefinition NotRequired(CustomFieldDefinition d) => new()
    {
        Id = d.Id, CompanyId = d.CompanyId, RecordType = d.RecordType, Key = d.Key, Label = d.Label, Type = d.Type,
        Required = false, Options = d.Options, Position = d.Position, CreatedAt = d.CreatedAt,
    };
}

internal static class RegisterPartyEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapPost("/", async (PartyInput input, string? onDuplicate, RegisterPartyHandler handler, CancellationToken ct) =>
                onDuplicate is not (null or "warn" or "reject")
                    ? Problems.From(Error.Validation("onDuplicate", "warn or reject."))
                    : (await handler.HandleAsync(input, new RegisterMode(RejectDuplicates: onDuplicate == "reject"), ct))
                        .ToHttp(party => Results.Created($"/api/v1/parties/{party.Id}", party)))
            .RequireAuthorization(PartiesPermissions.Write)
            .WithName("RegisterParty")
            .WithSummary("Register an organisation or a person; possible duplicates come back as a warning, or refuse with ?onDuplicate=reject");
}
