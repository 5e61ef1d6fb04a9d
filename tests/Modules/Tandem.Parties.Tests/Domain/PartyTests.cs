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
        var party = Party.Register("P000001", new PartyDetails(PartyKind.Organisation, "  Northwind  ", " Orders@Northwind.Example ", null, "gb123", true, false), null, Now);
        Assert.Equal("Northwind", party.Name);
        Assert.Equal("orders@northwind.example", party.Email);
        Assert.Equal("GB123", party.TaxId);
        Assert.True(party.IsCustomer);
    }

    [Fact]
    public void An_organisation_cannot_become_a_person()
    {
        var party = Party.Register("P000001", new PartyDetails(PartyKind.Organisation, "Northwind", null, null, null, true, false), null, Now);
        var error = Assert.Throws<BusinessRuleException>(() => party.Change(new PartyDetails(PartyKind.Person, "Northwind", null, null, null, true, false), null));
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

public class PartyDetailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static PartyDetails Organisation(string name = "Northwind") =>
        new(PartyKind.Organisation, name, null, null, null, false, false);

    [Fact]
    public void The_single_email_and_phone_are_the_primary_contact_points()
    {
        var party = Party.Register("P1", Organisation() with
        {
            Email = "Orders@Northwind.Example",
            Phone = "+44 20 7946 0001",
            ContactPoints = [new ContactPoint(ContactPointKind.Email, "billing@northwind.example", "billing")],
        }, null, Now);

        Assert.Equal("orders@northwind.example", party.Email);
        Assert.Equal("+44 20 7946 0001", party.Phone);
        Assert.Equal(3, party.ContactPoints.Count);
        Assert.Single(party.ContactPoints, c => c.Kind == ContactPointKind.Email && c.IsPrimary && c.Value == "orders@northwind.example");
        Assert.Single(party.ContactPoints, c => c.Kind == ContactPointKind.Email && !c.IsPrimary && c.Label == "billing");
        Assert.Equal("northwind.example", party.ContactPoints.First(c => c.Kind == ContactPointKind.Email).EmailDomain);
    }

    [Fact]
    public void Without_a_single_email_the_flagged_or_first_email_becomes_primary()
    {
        var party = Party.Register("P1", Organisation() with
        {
            ContactPoints =
            [
                new ContactPoint(ContactPointKind.Email, "a@northwind.example"),
                new ContactPoint(ContactPointKind.Email, "b@northwind.example", IsPrimary: true),
            ],
        }, null, Now);
        Assert.Equal("b@northwind.example", party.Email);
    }

    [Fact]
    public void A_client_that_sends_only_the_email_replaces_the_primary_and_keeps_the_others()
    {
        var party = Party.Register("P1", Organisation() with
        {
            Email = "old@northwind.example",
            ContactPoints = [new ContactPoint(ContactPointKind.Email, "accounts@northwind.example", "accounts")],
        }, null, Now);
        party.Change(Organisation() with { Email = "new@northwind.example" }, null);
        Assert.Equal("new@northwind.example", party.Email);
        Assert.DoesNotContain(party.ContactPoints, c => c.Value == "old@northwind.example");
        Assert.Contains(party.ContactPoints, c => c.Label == "accounts" && !c.IsPrimary);
    }

    [Fact]
    public void The_first_address_of_a_kind_is_its_default_and_two_defaults_are_refused()
    {
        var billing = new PostalAddress(AddressKind.Billing, "1 High St", "London", "gb");
        var shipping = new PostalAddress(AddressKind.Shipping, "2 Dock Rd", "Tilbury", "GB");
        var party = Party.Register("P1", Organisation() with { Addresses = [billing, shipping, billing with { Line1 = "3 Side St" }] }, null, Now);
        Assert.Equal(["1 High St", "2 Dock Rd"], party.Addresses.Where(a => a.IsDefault).Select(a => a.Line1));
        Assert.Equal("GB", party.Addresses[0].Country);

        var twoDefaults = Organisation() with { Addresses = [billing with { IsDefault = true }, billing with { Line1 = "x", IsDefault = true }] };
        Assert.Contains("addresses", twoDefaults.Validate()!.Fields!.Keys);
    }

    [Fact]
    public void A_prospect_that_becomes_a_customer_is_no_longer_a_prospect()
    {
        var party = Party.Register("P1", Organisation() with { IsProspect = true }, null, Now);
        Assert.True(party.IsProspect);
        party.Change(Organisation() with { IsProspect = true, IsCustomer = true }, null);
        Assert.False(party.IsProspect);
        Assert.True(party.IsCustomer);
    }

    [Fact]
    public void Tags_are_trimmed_lower_cased_and_unique()
    {
        var party = Party.Register("P1", Organisation() with { Tags = [" VIP ", "vip", "Key-Account"] }, null, Now);
        Assert.Equal(["vip", "key-account"], party.Tags);
    }

    [Fact]
    public void The_primary_tax_id_is_the_first_of_the_list()
    {
        var party = Party.Register("P1", Organisation() with
        {
            TaxId = "gb123456789",
            TaxIds = [new TaxIdentifier("US-98-7654321", "EIN")],
        }, null, Now);
        Assert.Equal("GB123456789", party.TaxId);
        Assert.Equal(["GB123456789", "US-98-7654321"], party.TaxIds.Select(t => t.Value));
        Assert.Equal("US987654321", party.TaxIds[1].MatchKey);
    }

    [Fact]
    public void Merging_copies_what_the_survivor_lacks_and_marks_the_merged_party()
    {
        var survivor = Party.Register("P1", Organisation("Acme Ltd") with { Email = "sales@acme.example", IsCustomer = true, Tags = ["vip"] }, null, Now);
        var merged = Party.Register("P2", Organisation("ACME Inc") with
        {
            Email = "SALES@acme.example",
            Phone = "+1 425 555 0100",
            TaxId = "US123",
            IsSupplier = true,
            Tags = ["east"],
            Addresses = [new PostalAddress(AddressKind.Billing, "1 Main St", "Redmond", "US")],
        }, null, Now);

        merged.MergeInto(survivor, """{"tier":"gold"}""", Now);

        Assert.Equal(survivor.Id, merged.MergedIntoId);
        Assert.Equal("Acme Ltd", survivor.Name);
        Assert.Equal("sales@acme.example", survivor.Email);
        Assert.Equal("+1 425 555 0100", survivor.Phone);
        Assert.Equal("US123", survivor.TaxId);
        Assert.True(survivor.IsCustomer && survivor.IsSupplier);
        Assert.Equal(["vip", "east"], survivor.Tags);
        Assert.Single(survivor.Addresses);
        Assert.Single(survivor.ContactPoints, c => c.Kind == ContactPointKind.Email);
        Assert.Equal("""{"tier":"gold"}""", survivor.CustomFields);
    }

    [Fact]
    public void Merge_into_itself_or_twice_is_refused_with_stable_codes()
    {
        var a = Party.Register("P1", Organisation("A"), null, Now);
        var b = Party.Register("P2", Organisation("B"), null, Now);
        Assert.Equal("merge_into_self", a.RefuseMergeInto(a)!.Code);
        b.MergeInto(a, null, Now);
        Assert.Equal("party_already_merged", b.RefuseMergeInto(a)!.Code);
        var c = Party.Register("P3", Organisation("C"), null, Now);
        Assert.Equal("survivor_merged", c.RefuseMergeInto(b)!.Code);
        var person = Party.Register("P4", new PartyDetails(PartyKind.Person, "D", null, null, null, false, false), null, Now);
        Assert.Equal("merge_kind_mismatch", person.RefuseMergeInto(c)!.Code);
        Assert.Equal("party_merged", Assert.Throws<BusinessRuleException>(() => b.Change(Organisation("B2"), null)).Error.Code);
    }
}
