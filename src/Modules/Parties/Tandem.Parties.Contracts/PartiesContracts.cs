using Tandem.SharedKernel;

namespace Tandem.Parties.Contracts;

/// <summary>What other modules may ask of the party master.</summary>
public interface IPartiesModule
{
    Task<PartySummary?> FindAsync(Guid partyId, CancellationToken ct);
}

public enum PartyKind
{
    Organisation,
    Person,
}

public sealed record PartySummary(Guid Id, string Number, PartyKind Kind, string Name, string? Email, bool IsCustomer, bool IsSupplier);

public static class PartiesPermissions
{
    public const string Read = "parties.read";
    public const string Write = "parties.write";
}

/// <summary>Published after a party is registered in the master, for modules that keep their own view of parties.</summary>
public sealed record PartyRegistered(Guid CompanyId, Guid PartyId, string Number, string Name, PartyKind Kind) : IIntegrationEvent;
