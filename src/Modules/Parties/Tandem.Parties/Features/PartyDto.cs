using System.Linq.Expressions;
using System.Text.Json;
using Tandem.Parties.Contracts;
using Tandem.Parties.Domain;
using Tandem.Platform.CustomFields;

namespace Tandem.Parties.Features;

/// <summary>A party as the API and the party page show it, with its addresses, contact points and tax ids.</summary>
public sealed record PartyDto(
    Guid Id, string Number, PartyKind Kind, string Name, string? Email, string? Phone, string? TaxId,
    bool IsCustomer, bool IsSupplier, DateTimeOffset CreatedAt, long Version)
{
    public bool IsProspect { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<PostalAddress> Addresses { get; init; } = [];
    public IReadOnlyList<ContactPoint> ContactPoints { get; init; } = [];
    public IReadOnlyList<TaxIdentifier> TaxIds { get; init; } = [];
    public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Set when this party was merged: the survivor to use instead.</summary>
    public Guid? MergedIntoId { get; init; }

    /// <summary>On registration: parties that look like this one (the warning; the party was still registered).</summary>
    public IReadOnlyList<DuplicateCandidate>? PossibleDuplicates { get; init; }

    /// <summary>The mapping of a record loaded with its addresses, contact points and tax ids.</summary>
    internal static PartyDto FromRecord(Party p) =>
        new(p.Id, p.Number, p.Kind, p.Name, p.Email, p.Phone, p.TaxId, p.IsCustomer, p.IsSupplier, p.CreatedAt, p.Version)
        {
            IsProspect = p.IsProspect,
            Tags = p.Tags.ToList(),
            Addresses = p.AddressData().ToList(),
            ContactPoints = p.ContactPointData().ToList(),
            TaxIds = p.TaxIdData().ToList(),
            CustomFields = CustomFieldValues.Read(p.CustomFields),
            MergedIntoId = p.MergedIntoId,
        };
}

/// <summary>A party as a list row shows it.</summary>
public sealed record PartyRow(
    Guid Id, string Number, PartyKind Kind, string Name, string? Email, string? Phone, string? TaxId,
    bool IsProspect, bool IsCustomer, bool IsSupplier, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, JsonElement> CustomFields,
    DateTimeOffset CreatedAt)
{
    internal static readonly Expression<Func<Party, PartyRow>> Projection = p => new PartyRow(
        p.Id, p.Number, p.Kind, p.Name, p.Email, p.Phone, p.TaxId, p.IsProspect, p.IsCustomer, p.IsSupplier, p.Tags,
        CustomFieldValues.Read(p.CustomFields), p.CreatedAt);

    public IEnumerable<string> Roles =>
        new[] { IsProspect ? "prospect" : null, IsCustomer ? "customer" : null, IsSupplier ? "supplier" : null }.OfType<string>();
}

/// <summary>
/// The body of a create or update request. On update a list left out (null) keeps the current entries,
/// so clients that only know name, email and phone keep working.
/// </summary>
public sealed record PartyInput(
    PartyKind Kind, string Name, string? Email = null, string? Phone = null, string? TaxId = null,
    bool IsCustomer = false, bool IsSupplier = false)
{
    public bool IsProspect { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<PostalAddress>? Addresses { get; init; }
    public IReadOnlyList<ContactPoint>? ContactPoints { get; init; }
    public IReadOnlyList<TaxIdentifier>? TaxIds { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }

    internal PartyDetails ToDetails() =>
        new(Kind, Name ?? "", Email, Phone, TaxId, IsCustomer, IsSupplier, IsProspect, Tags, Addresses, ContactPoints, TaxIds);
}
