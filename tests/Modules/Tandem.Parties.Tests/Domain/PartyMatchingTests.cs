using Tandem.Parties.Contracts;

namespace Tandem.Parties.Tests.Domain;

public class PartyMatchingTests
{
    [Theory]
    [InlineData("Acme Ltd.", "acme")]
    [InlineData("ACME, Inc", "acme")]
    [InlineData("acme limited", "acme")]
    [InlineData("Müller & Co. GmbH", "muller")]
    [InlineData("The Northwind Traders Company", "northwind traders")]
    [InlineData("  Fabrikam   Components  AG ", "fabrikam components")]
    [InlineData("Ltd", "ltd")]
    public void Names_lose_case_accents_punctuation_and_legal_suffixes(string name, string expected) =>
        Assert.Equal(expected, PartyMatching.Name(name));

    [Theory]
    [InlineData("Orders@Northwind.Example", "northwind.example")]
    [InlineData("someone@gmail.com", null)]
    [InlineData("someone@GMX.de", null)]
    [InlineData("not-an-email", null)]
    public void Email_domains_of_free_mail_providers_are_ignored(string email, string? expected) =>
        Assert.Equal(expected, PartyMatching.EmailDomain(email));

    // "+44 20 7946 0001" has the digits 442079460001, whose last nine are 079460001, as for "020 7946 0001";
    // "(0049) 30-901820" has 004930901820, whose last nine are 930901820.
    [Theory]
    [InlineData("+44 20 7946 0001", "079460001")]
    [InlineData("020 7946 0001", "079460001")]
    [InlineData("(0049) 30-901820", "930901820")]
    [InlineData("12 34", null)]
    public void Phones_match_on_their_last_nine_digits(string phone, string? expected) =>
        Assert.Equal(expected, PartyMatching.Phone(phone));

    [Theory]
    [InlineData("gb 123-456.789", "GB123456789")]
    [InlineData(" DE811234567 ", "DE811234567")]
    [InlineData("--", null)]
    public void Tax_ids_keep_letters_and_digits_upper_case(string taxId, string? expected) =>
        Assert.Equal(expected, PartyMatching.TaxId(taxId));
}
