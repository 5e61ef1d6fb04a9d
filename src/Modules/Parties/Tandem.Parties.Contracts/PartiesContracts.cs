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

    /// <summary>
    /// Parties that may be the same as the one described: equal normalised name, company email domain,
    /// exact email, phone digits or tax id. Merged parties are never candidates.
    /// </summary>
    Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(DuplicateQuery query, CancellationToken ct);
}

/// <summary>What a form or import knows about a party it is about to create, to look for duplicates.</summary>
public sealed record DuplicateQuery(string? Name = null, string? Email = null, string? Phone = null, string? TaxId = null)
{
    /// <summary>A party to leave out of the answer, such as the one being edited.</summary>
    public Guid? ExcludePartyId { get; init; }
}

/// <summary>A possible duplicate and why it matched: <c>name</c>, <c>email</c>, <c>emailDomain</c>, <c>phone</c>, <c>taxId</c>.</summary>
public sealed record DuplicateCandidate(Guid PartyId, string Number, string Name, PartyKind Kind, string? Email, IReadOnlyList<string> Reasons);

public enum AddressKind
{
    Billing,
    Shipping,
    Other,
}

public enum ContactPointKind
{
    Email,
    Phone,
}

/// <summary>A postal address of a party; one address per kind is the default.</summary>
public sealed record PostalAddress(
    AddressKind Kind, string Line1, string City, string Country,
    string? Line2 = null, string? PostalCode = null, string? Region = null, bool IsDefault = false);

/// <summary>An email address or phone number with a label ("work", "mobile"); one per kind is primary.</summary>
public sealed record ContactPoint(ContactPointKind Kind, string Value, string? Label = null, bool IsPrimary = false);

/// <summary>A tax registration such as a VAT number; the first is the party's primary tax id.</summary>
public sealed record TaxIdentifier(string Value, string? Scheme = null);

/// <summary>What a module supplies to register a party in the master.</summary>
public sealed record NewParty(
    PartyKind Kind, string Name, string? Email = null, string? Phone = null, string? TaxId = null,
    bool IsCustomer = false, bool IsSupplier = false, bool IsProspect = false);

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

public sealed record PartySummary(Guid Id, string Number, PartyKind Kind, string Name, string? Email, bool IsCustomer, bool IsSupplier)
{
    /// <summary>Set when this party was merged into another: the survivor every reference now points to.</summary>
    public Guid? MergedIntoId { get; init; }
}

public static class PartiesPermissions
{
    public const string Read = "parties.read";
    public const string Write = "parties.write";

    /// <summary>Merging two parties re-points references in every module, so it is granted apart from editing.</summary>
    public const string Merge = "parties.merge";
}

/// <summary>Published after a merge: the merged party no longer exists and every reference points to the survivor.</summary>
public sealed record PartiesMerged(Guid CompanyId, Guid SurvivorId, Guid MergedId) : IIntegrationEvent;

/// <summary>Published after a party's name changed, for modules that keep a copy of it (the CRM's account and contact names).</summary>
public sealed record PartyRenamed(Guid CompanyId, Guid PartyId, string Name) : IIntegrationEvent;

/// <summary>Published after a party is registered in the master, for modules that keep their own view of parties.</summary>
public sealed record PartyRegistered(Guid CompanyId, Guid PartyId, string Number, string Name, PartyKind Kind) : IIntegrationEvent;
