using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

internal enum PeriodStatus
{
    Open,
    Closed,
    Locked,
}

/// <summary>
/// A month of a fiscal year. Entries post only into open periods; a closed period can be reopened
/// by someone allowed to close, a locked one never again.
/// </summary>
internal sealed class FiscalPeriod : Entity
{
    private FiscalPeriod()
    {
    }

    public int FiscalYear { get; private set; }
    public int Number { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public PeriodStatus Status { get; private set; }

    /// <summary>The balance key of the month the period covers, e.g. 202603.</summary>
    public int Key => StartDate.Year * 100 + StartDate.Month;

    /// <summary>Twelve monthly periods starting on the first day of the year's first month.</summary>
    public static IReadOnlyList<FiscalPeriod> YearOf(int fiscalYear, int startMonth)
    {
        if (fiscalYear is < 1900 or > 2999)
            throw new BusinessRuleException(Error.Validation("year", "A year between 1900 and 2999."));
        if (startMonth is < 1 or > 12)
            throw new BusinessRuleException(Error.Validation("startMonth", "A month from 1 to 12."));
        var start = new DateOnly(fiscalYear, startMonth, 1);
        return Enumerable.Range(0, 12).Select(i => new FiscalPeriod
        {
            FiscalYear = fiscalYear,
            Number = i + 1,
            StartDate = start.AddMonths(i),
            EndDate = start.AddMonths(i + 1).AddDays(-1),
            Status = PeriodStatus.Open,
        }).ToList();
    }

    public bool Contains(DateOnly date) => date >= StartDate && date <= EndDate;

    public void Close()
    {
        if (Status != PeriodStatus.Open)
            throw new BusinessRuleException(Error.Conflict("period_not_open", $"Period {FiscalYear}-{Number:D2} is {Status.ToString().ToLowerInvariant()}."));
        Status = PeriodStatus.Closed;
    }

    public void Reopen()
    {
        if (Status != PeriodStatus.Closed)
            throw new BusinessRuleException(Error.Conflict("period_not_closed", $"Only a closed period can be reopened; {FiscalYear}-{Number:D2} is {Status.ToString().ToLowerInvariant()}."));
        Status = PeriodStatus.Open;
    }

    public void Lock()
    {
        if (Status == PeriodStatus.Locked)
            throw new BusinessRuleException(Error.Conflict("period_locked", $"Period {FiscalYear}-{Number:D2} is already locked."));
        Status = PeriodStatus.Locked;
    }
}
