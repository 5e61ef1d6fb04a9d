using System.Text.Json;
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
    public bool IsProspect { get; set; }
    public bool IsCustomer { get; set; }
    public bool IsSupplier { get; set; }
    public string? Tags { get; set; }
    public List<AddressForm> Addresses { get; set; } = [];

    /// <summary>Contact points besides the primary email and phone above.</summary>
    public List<ContactPointForm> OtherContactPoints { get; set; } = [];

    /// <summary>Tax ids besides the primary one, comma separated.</summary>
    public string? OtherTaxIds { get; set; }
    public Dictionary<string, JsonElement> CustomFields { get; set; } = new(StringComparer.Ordinal);

    public static PartyForm From(PartyDto party) => new()
    {
        Kind = party.Kind, Name = party.Name, Email = party.Email, Phone = party.Phone, TaxId = party.TaxId,
        IsProspect = party.IsProspect, IsCustomer = party.IsCustomer, IsSupplier = party.IsSupplier,
        Tags = string.Join(", ", party.Tags),
        Addresses = party.Addresses.Select(AddressForm.From).ToList(),
        OtherContactPoints = party.ContactPoints.Where(c => !c.IsPrimary).Select(ContactPointForm.From).ToList(),
        OtherTaxIds = string.Join(", ", party.TaxIds.Skip(1).Select(t => t.Value)),
        CustomFields = new Dictionary<string, JsonElement>(party.CustomFields, StringComparer.Ordinal),
    };

    public PartyInput ToInput()
    {
        var taxIds = new[] { TaxId }.Concat(Split(OtherTaxIds)).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => new TaxIdentifier(t!.Trim())).ToList();
        return new PartyInput(Kind, Name ?? "", Email, Phone, TaxId, IsCustomer, IsSupplier)
        {
            IsProspect = IsProspect,
            Tags = Split(Tags).ToList(),
            Addresses = Addresses.Select(a => a.ToAddress()).ToList(),
            ContactPoints = OtherContactPoints.Select(c => new ContactPoint(c.Kind, c.Value ?? "", c.Label)).ToList(),
            TaxIds = taxIds,
            CustomFields = CustomFields,
        };
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class AddressForm
{
    public AddressKind Kind { get; set; } = AddressKind.Billing;
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? Country { get; set; }
    public bool IsDefault { get; set; }

    public static AddressForm From(PostalAddress a) => new()
    {
        Kind = a.Kind, Line1 = a.Line1, Line2 = a.Line2, PostalCode = a.PostalCode, City = a.City, Region = a.Region,
        Country = a.Country, IsDefault = a.IsDefault,
    };

    public PostalAddress ToAddress() => new(Kind, Line1 ?? "", City ?? "", Country ?? "", Line2, PostalCode, Region, IsDefault);
}

public sealed class ContactPointForm
{
    public ContactPointKind Kind { get; set; } = ContactPointKind.Email;
    public string? Value { get; set; }
    public string? Label { get; set; }

    public static ContactPointForm From(ContactPoint c) => new() { Kind = c.Kind, Value = c.Value, Label = c.Label };
}
