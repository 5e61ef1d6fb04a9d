using Tandem.SharedKernel;

namespace Tandem.Parties.Contracts;

/// <summary>What other modules may ask of the party master.</summary>
public interface IPartiesModule
{
    Task<PartySummary?> FindAsync(Guid partyId, CancellationToken ct);

    Task<IReadOnlyList<PartySummary>> FindManyAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken ct);

    /// <summary>
    /// Registers a party with the next party number. Joins the caller's unit of work when one is open,
    /// so a module that creates a party and its own record commits or rolls back both.
    /// </summary>
    Task<Result<PartySummary>> RegisterAsync(NewParty party, CancellationToken ct);
}

/// <summary>What a module supplies to register a party in the master.</summary>
public sealed record NewParty(
    PartyKind Kind, string Name, string? Email = null, string? Phone = null, string? TaxId = null,
    bool IsCustomer = false, bool IsSupplier = false);

/// <summary>
/// Implemented by every module that stores party ids. When two parties are merged, the merge calls each
/// holder inside its own transaction to re-point references from the merged party to the survivor.
/// </summary>
public interface IPartyReferenceHolder
{
    /// <summary>A short name for the merge report, such as "CRM accounts".</summary>
    string Name { get; }

    /// <summary>Re-points every reference in the current company; returns how many rows changed.</summary>
    Task<int> RepointAsync(Guid fromPartyId, Guid toPartyId, CancellationToken ct);
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

/// <summary>Published after a merge: the merged party no longer exists and every reference points to the survivor.</summary>
public sealed record PartiesMerged(Guid CompanyId, Guid SurvivorId, Guid MergedId) : IIntegrationEvent;

/// <summary>Published after a party is registered in the master, for modules that keep their own view of parties.</summary>
public sealed record PartyRegistered(Guid CompanyId, Guid PartyId, string Number, string Name, PartyKind Kind) : IIntegrationEvent;
