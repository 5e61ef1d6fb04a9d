using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

/// <summary>The amount planned for an account in one month, in its natural sign (income and expenses positive).</summary>
internal sealed class Budget : Entity
{
    private Budget()
    {
    }

    public Guid AccountId { get; private set; }

    /// <summary>Year × 100 + month, like the balance rows.</summary>
    public int Period { get; private set; }

    public decimal Amount { get; private set; }

    public static Budget Plan(Guid accountId, int period, decimal amount) => new() { AccountId = accountId, Period = period, Amount = amount };

    public void Change(decimal amount) => Amount = amount;
}
