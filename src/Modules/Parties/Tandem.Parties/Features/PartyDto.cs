using System.Linq.Expressions;
using Tandem.Parties.Contracts;
using Tandem.Parties.Domain;

namespace Tandem.Parties.Features;

/// <summary>A party as the API and the pages show it.</summary>
public sealed record PartyDto(
    Guid Id, string Number, PartyKind Kind, string Name, string? Email, string? Phone, string? TaxId,
    bool IsCustomer, bool IsSupplier, DateTimeOffset CreatedAt, long Version)
{
    internal static readonly Expression<Func<Party, PartyDto>> Projection = p => new PartyDto(
        p.Id, p.Number, p.Kind, p.Name, p.Email, p.Phone, p.TaxId, p.IsCustomer, p.IsSupplier, p.CreatedAt, p.Version);

    /// <summary>The same mapping for a record already in memory, compiled once.</summary>
    internal static readonly Func<Party, PartyDto> FromRecord = Projection.Compile();
}

/// <summary>The body of a create or update request.</summary>
public sealed record PartyInput(
    PartyKind Kind, string Name, string? Email = null, string? Phone = null, string? TaxId = null,
    bool IsCustomer = false, bool IsSupplier = false)
{
    internal PartyDetails ToDetails() => new(Kind, Name ?? "", Email, Phone, TaxId, IsCustomer, IsSupplier);
}
