using Tandem.Accounting.Domain;
using Tandem.Accounting.Features.Reports;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Tests.Domain;

public sealed class LedgerRulesTests
{
    private static readonly Guid Bank = Guid.NewGuid();
    private static readonly Guid Sales = Guid.NewGuid();

    private static LineDraft Line(Guid account, decimal debit, decimal credit) =>
        new(account, debit, credit, CurrencyCode.Eur, debit - credit, null, null, null);

    private static JournalEntry Entry(params LineDraft[] lines) =>
        JournalEntry.Draft(new EntryHeader(new DateOnly(2025, 1, 1), "Test", null), CurrencyCode.Eur, lines, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Post_refuses_an_entry_whose_debits_and_credits_differ()
    {
        // 100.00 debit against 99.99 credit: off by one cent.
        var entry = Entry(Line(Bank, 100m, 0m), Line(Sales, 0m, 99.99m));
        var refused = Assert.Throws<BusinessRuleException>(() => entry.Post("JE1", DateTimeOffset.UnixEpoch));
        Assert.Equal("entry_unbalanced", refused.Error.Code);
        Assert.Equal(EntryStatus.Draft, entry.Status);
    }

    [Fact]
    public void A_posted_entry_refuses_change_and_reverses_line_by_line()
    {
        var entry = Entry(Line(Bank, 100m, 0m), Line(Sales, 0m, 100m));
        entry.Post("JE1", DateTimeOffset.UnixEpoch);
        Assert.Equal("entry_posted", Assert.Throws<BusinessRuleException>(() => entry.Change(new EntryHeader(new DateOnly(2025, 1, 2), "x", null), [])).Error.Code);
        var reversal = entry.DraftReversal(new DateOnly(2025, 1, 31), DateTimeOffset.UnixEpoch);
        Assert.Equal([0m, 100m], reversal.Lines.Select(l => l.Debit));
        Assert.Equal([100m, 0m], reversal.Lines.Select(l => l.Credit));
        Assert.Equal([-100m, 100m], reversal.Lines.Select(l => l.Amount));
        Assert.Equal(entry.Id, reversal.ReversalOfId);
    }

    [Fact]
    public void A_fiscal_year_has_twelve_months_and_a_locked_period_stays_locked()
    {
        var year = FiscalPeriod.YearOf(2025, 4);
        Assert.Equal(12, year.Count);
        Assert.Equal(new DateOnly(2025, 4, 1), year[0].StartDate);
        Assert.Equal(new DateOnly(2026, 3, 31), year[^1].EndDate);
        Assert.Equal(new DateOnly(2026, 2, 28), year[10].EndDate);
        var period = year[0];
        period.Close();
        period.Lock();
        Assert.Equal("period_not_closed", Assert.Throws<BusinessRuleException>(period.Reopen).Error.Code);
    }

    [Fact]
    public void Previous_comparison_of_whole_months_is_the_same_number_of_whole_months()
    {
        var today = new DateOnly(2025, 12, 31);
        var march = ReportRange.Read(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), "previous", null, null, today).Value;
        Assert.Equal((new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 28)), (march.CompareFrom!.Value, march.CompareTo!.Value));
        var quarter = ReportRange.Read(new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30), "previous", null, null, today).Value;
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)), (quarter.CompareFrom!.Value, quarter.CompareTo!.Value));
        var tenDays = ReportRange.Read(new DateOnly(2025, 3, 11), new DateOnly(2025, 3, 20), "previous", null, null, today).Value;
        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 10)), (tenDays.CompareFrom!.Value, tenDays.CompareTo!.Value));
    }
}
