using Tandem.Accounting.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

/// <summary>An account of the chart: what the ledger posts to and what reports group by.</summary>
internal sealed class Account : Entity
{
    private Account()
    {
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public AccountType Type { get; private set; }
    public ControlRole Role { get; private set; }

    /// <summary>The account this one is summed into on reports; null for a top-level account.</summary>
    public Guid? ParentId { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Receivable and payable balances are kept per party so they can be matched with open items.</summary>
    public bool TracksParty => Role is ControlRole.Receivable or ControlRole.Payable;

    public static Account Open(AccountDetails details)
    {
        var account = new Account { Code = details.Code.Trim() };
        account.Change(details with { Code = account.Code });
        return account;
    }

    public void Change(AccountDetails details)
    {
        if (!string.Equals(details.Code.Trim(), Code, StringComparison.Ordinal))
            throw new BusinessRuleException(new Error("account_code_fixed", "An account's code cannot change once it exists; open a new account."));
        if (details.ParentId == Id)
            throw new BusinessRuleException(new Error("account_parent_invalid", "An account cannot be its own parent."));
        Name = details.Name.Trim();
        Type = details.Type;
        Role = details.Role;
        ParentId = details.ParentId;
        IsActive = details.IsActive;
    }

    public AccountSummary ToSummary() => new(Id, Code, Name, Type, Role, IsActive);

    /// <summary>Which side an account's balance normally sits on: debit for assets and expenses.</summary>
    public static bool IsDebitNatured(AccountType type) => type is AccountType.Asset or AccountType.Expense;
}

/// <summary>The editable fields of an account, validated together.</summary>
internal sealed record AccountDetails(string Code, string Name, AccountType Type, ControlRole Role, Guid? ParentId, bool IsActive = true)
{
    public Error? Validate()
    {
        var errors = new FieldErrors()
            .Required("code", Code, 20)
            .Required("name", Name)
            .When(!Enum.IsDefined(Type), "type", "asset, liability, equity, income or expense.")
            .When(!Enum.IsDefined(Role), "role", "Unknown control role.")
            .When(Role is ControlRole.Receivable or ControlRole.Inventory && Type != AccountType.Asset, "role", "Receivable and inventory accounts are assets.")
            .When(Role is ControlRole.Payable or ControlRole.GoodsReceivedNotInvoiced && Type != AccountType.Liability, "role", "Payable and goods-received accounts are liabilities.")
            .When(Role is ControlRole.RetainedEarnings && Type != AccountType.Equity, "role", "Retained earnings is an equity account.");
        return errors.Any ? errors.ToError() : null;
    }
}
