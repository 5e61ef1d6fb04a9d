using Tandem.Parties.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Parties.Domain;

/// <summary>
/// An organisation or a person the company deals with: the one master record that customers,
/// suppliers, contacts and employees all point to.
/// </summary>
internal sealed class Party : Entity
{
    private Party()
    {
    }

    public string Number { get; private set; } = "";
    public PartyKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? TaxId { get; private set; }
    public bool IsCustomer { get; private set; }
    public bool IsSupplier { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Party Register(string number, PartyDetails details, DateTimeOffset now)
    {
        var party = new Party { Number = number, Kind = details.Kind, CreatedAt = now };
        party.Apply(details);
        return party;
    }

    public void Change(PartyDetails details)
    {
        if (details.Kind != Kind)
            throw new BusinessRuleException(new Error("party_kind_fixed", "An organisation cannot become a person or the reverse; register a new party."));
        Apply(details);
    }

    private void Apply(PartyDetails details)
    {
        Name = details.Name.Trim();
        Email = Blank(details.Email)?.ToLowerInvariant();
        Phone = Blank(details.Phone);
        TaxId = Blank(details.TaxId)?.ToUpperInvariant();
        IsCustomer = details.IsCustomer;
        IsSupplier = details.IsSupplier;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The editable fields of a party, validated together.</summary>
internal sealed record PartyDetails(
    PartyKind Kind, string Name, string? Email, string? Phone, string? TaxId, bool IsCustomer, bool IsSupplier)
{
    public Error? Validate()
    {
        var errors = new FieldErrors()
            .Required("name", Name)
            .Optional("email", Email, 254)
            .Optional("phone", Phone, 40)
            .Optional("taxId", TaxId, 40)
            .When(!Enum.IsDefined(Kind), "kind", "Organisation or Person.")
            .When(Email is { Length: > 0 } e && !IsEmail(e), "email", "Not an email address.");
        return errors.Any ? errors.ToError() : null;
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 3 && value.IndexOf('.', at) > at + 1 && !value.Contains(' ', StringComparison.Ordinal);
    }
}
