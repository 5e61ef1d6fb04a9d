using Tandem.Parties.Contracts;

namespace Tandem.Parties.Features;

/// <summary>The editable fields as the party forms bind them.</summary>
public sealed class PartyForm
{
    public PartyKind Kind { get; set; } = PartyKind.Organisation;
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? TaxId { get; set; }
    public bool IsCustomer { get; set; }
    public bool IsSupplier { get; set; }

    public static PartyForm From(PartyDto party) => new()
    {
        Kind = party.Kind, Name = party.Name, Email = party.Email, Phone = party.Phone, TaxId = party.TaxId,
        IsCustomer = party.IsCustomer, IsSupplier = party.IsSupplier,
    };

    public PartyInput ToInput() => new(Kind, Name ?? "", Email, Phone, TaxId, IsCustomer, IsSupplier);
}
