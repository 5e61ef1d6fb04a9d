using Tandem.Accounting.Features.JournalEntries;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Tests.Domain;

public sealed class JournalEntryValidationTests
{
    private static readonly Guid Bank = Guid.NewGuid();
    private static readonly Money Ten = new(10m, CurrencyCode.Eur);

    [Fact]
    public void A_well_formed_entry_has_no_field_errors()
    {
        var input = new JournalEntryInput(new DateOnly(2026, 12, 1), "Rent", null,
            [new JournalLineInput(Bank, Debit: Ten, Dimension: new string('d', 60)), new JournalLineInput(Bank, Credit: Ten, Description: new string('x', 200))]);
        Assert.False(JournalEntriesHandler.Validate(input).Any);
    }

    [Fact]
    public void Every_bad_line_is_reported_under_its_own_field_names()
    {
        var input = new JournalEntryInput(null, " ", null,
        [
            new JournalLineInput(Guid.Empty, Debit: Ten, Credit: Ten),
            null!,
            new JournalLineInput(Bank, Debit: new Money(-1m, CurrencyCode.Eur), CompanyAmount: new Money(0m, CurrencyCode.Eur),
                Dimension: new string('d', 61), Description: new string('x', 201)),
        ]);
        var fields = JournalEntriesHandler.Validate(input).ToError().Fields!;

        Assert.Equal(
            ["date", "description", "lines[0].accountId", "lines[0]", "lines[1]", "lines[2]", "lines[2].companyAmount", "lines[2].dimension", "lines[2].description"],
            fields.Keys.ToArray());
        Assert.Equal(["Give either a debit or a credit."], fields["lines[0]"]);
        Assert.Equal(["Required."], fields["lines[1]"]);
        Assert.Equal(["The amount must be positive."], fields["lines[2]"]);
        Assert.Equal(["At most 60 characters."], fields["lines[2].dimension"]);
        Assert.Equal(["At most 200 characters."], fields["lines[2].description"]);
    }
}
