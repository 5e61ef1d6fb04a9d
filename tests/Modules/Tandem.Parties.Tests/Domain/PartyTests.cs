using Tandem.Parties.Contracts;
using Tandem.Parties.Domain;
using Tandem.SharedKernel;

namespace Tandem.Parties.Tests.Domain;

public class PartyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Register_normalises_email_and_tax_id()
    {
        var party = Party.Register("P000001", new PartyDetails(PartyKind.Organisation, "  Northwind  ", " Orders@Northwind.Example ", null, "gb123", true, false), Now);
        Assert.Equal("Northwind", party.Name);
        Assert.Equal("orders@northwind.example", party.Email);
        Assert.Equal("GB123", party.TaxId);
        Assert.True(party.IsCustomer);
    }

    [Fact]
    public void An_organisation_cannot_become_a_person()
    {
        var party = Party.Register("P000001", new PartyDetails(PartyKind.Organisation, "Northwind", null, null, null, true, false), Now);
        var error = Assert.Throws<BusinessRuleException>(() => party.Change(new PartyDetails(PartyKind.Person, "Northwind", null, null, null, true, false)));
        Assert.Equal("party_kind_fixed", error.Error.Code);
    }

    [Theory]
    [InlineData("", "a@b.example", "name")]
    [InlineData("Acme", "not-an-email", "email")]
    [InlineData("Acme", "a@b", "email")]
    public void Invalid_details_report_the_field(string name, string email, string field)
    {
        var error = new PartyDetails(PartyKind.Organisation, name, email, null, null, false, false).Validate();
        Assert.NotNull(error);
        Assert.Equal("validation_failed", error.Code);
        Assert.Contains(field, error.Fields!.Keys);
    }

    [Fact]
    public void Valid_details_pass() =>
        Assert.Null(new PartyDetails(PartyKind.Person, "Maria Anders", "maria@example.com", "+49 30 1", null, true, false).Validate());
}
