namespace Tandem.Accounting.Domain;

/// <summary>
/// The running totals of one account in one month, per transaction currency and (for receivable and
/// payable accounts) per party. Written only by the posting transaction's atomic upserts, so reports
/// read these few rows instead of every journal line.
/// </summary>
internal sealed class AccountBalance
{
    private AccountBalance()
    {
    }

    public Guid CompanyId { get; private set; }
    public Guid AccountId { get; private set; }

    /// <summary>
    /// Year × 100 + month of the posting date, e.g. 202603; a year-end closing entry counts in month + 50
    /// (202562), after the year's last month and before the next year's first, so reports of the year
    /// exclude it and the next year's opening balances include it.
    /// </summary>
    public int Period { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>The party for receivable and payable accounts; <see cref="Guid.Empty"/> for every other account.</summary>
    public Guid PartyId { get; private set; }

    /// <summary>Debits in the company currency.</summary>
    public decimal Debit { get; private set; }

    /// <summary>Credits in the company currency.</summary>
    public decimal Credit { get; private set; }

    /// <summary>Net amount in the transaction currency, debit positive.</summary>
    public decimal Amount { get; private set; }

    public static int PeriodOf(DateOnly date) => date.Year * 100 + date.Month;

    public static int ClosingPeriodOf(DateOnly date) => PeriodOf(date) + 50;
}
