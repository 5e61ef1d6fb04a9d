using Tandem.Accounting.Ledger;
using Tandem.SharedKernel;
using Tandem.Web.Services;

namespace Tandem.Accounting.Features.Receivables;

/// <summary>Sets or removes a customer's credit limit from what a page's field holds; a blank field removes it.</summary>
internal static class CreditLimitEditor
{
    public static async Task<Error?> SetAsync(UseCases useCases, Guid partyId, string? text)
    {
        Money? limit = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (Ui.ParseAmount(text) is not { } amount)
                return Error.Validation("limit", "An amount such as 5000.00, or blank for no limit.");
            var currency = await useCases.RunAsync<CompanyCurrency, CurrencyCode>(c => c.GetAsync(CancellationToken.None));
            limit = new Money(amount, currency);
        }
        var result = await useCases.RunAsync<ReceivablesHandler, Result<PartyBalanceDto>>(h => h.SetCreditLimitAsync(partyId, new CreditLimitInput(limit), CancellationToken.None));
        return result.Error;
    }
}
