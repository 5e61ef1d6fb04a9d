using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.Modules;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Accounts;

/// <summary>
/// The chart a new company starts with: a small general chart with one account per control role, grouped
/// under five headings for reporting. Loading it again adds only the accounts that are missing.
/// </summary>
internal sealed class LoadDefaultChartHandler(AccountingDb db, DbSession session)
{
    internal sealed record Template(string Code, string Name, AccountType Type, ControlRole Role = ControlRole.None, string? Parent = null);

    internal static readonly Template[] Chart =
    [
        new("1", "Assets", AccountType.Asset),
        new("1000", "Bank", AccountType.Asset, Parent: "1"),
        new("1010", "Cash", AccountType.Asset, Parent: "1"),
        new("1100", "Trade receivables", AccountType.Asset, ControlRole.Receivable, "1"),
        new("1200", "Inventory", AccountType.Asset, ControlRole.Inventory, "1"),
        new("1300", "Input tax (VAT receivable)", AccountType.Asset, ControlRole.Tax, "1"),
        new("1500", "Equipment", AccountType.Asset, Parent: "1"),
        new("2", "Liabilities", AccountType.Liability),
        new("2000", "Trade payables", AccountType.Liability, ControlRole.Payable, "2"),
        new("2100", "Output tax (VAT payable)", AccountType.Liability, ControlRole.Tax, "2"),
        new("2200", "Goods received not invoiced", AccountType.Liability, ControlRole.GoodsReceivedNotInvoiced, "2"),
        new("2500", "Bank loan", AccountType.Liability, Parent: "2"),
        new("3", "Equity", AccountType.Equity),
        new("3000", "Share capital", AccountType.Equity, Parent: "3"),
        new("3100", "Retained earnings", AccountType.Equity, ControlRole.RetainedEarnings, "3"),
        new("4", "Income", AccountType.Income),
        new("4000", "Sales", AccountType.Income, Parent: "4"),
        new("4100", "Services", AccountType.Income, Parent: "4"),
        new("4900", "Other income", AccountType.Income, Parent: "4"),
        new("5", "Expenses", AccountType.Expense),
        new("5000", "Cost of goods sold", AccountType.Expense, ControlRole.CostOfGoodsSold, "5"),
        new("5100", "Inventory adjustments and scrap", AccountType.Expense, ControlRole.InventoryAdjustment, "5"),
        new("6000", "Salaries", AccountType.Expense, Parent: "5"),
        new("6100", "Rent", AccountType.Expense, Parent: "5"),
        new("6200", "Utilities", AccountType.Expense, Parent: "5"),
        new("6300", "Office and supplies", AccountType.Expense, Parent: "5"),
        new("6800", "Bank charges and write-offs", AccountType.Expense, Parent: "5"),
        new("6900", "Exchange differences", AccountType.Expense, ControlRole.ExchangeDifference, "5"),
    ];

    /// <summary>Adds the template's missing accounts; returns how many were added.</summary>
    public async Task<int> HandleAsync(CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var existing = await db.Accounts.ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        var added = 0;
        foreach (var template in Chart)
        {
            if (existing.ContainsKey(template.Code))
                continue;
            var parentId = template.Parent is { } parent && existing.TryGetValue(parent, out var p) ? p.Id : (Guid?)null;
            var account = Account.Open(new AccountDetails(template.Code, template.Name, template.Type, template.Role, parentId));
            db.Accounts.Add(account);
            existing[template.Code] = account;
            added++;
        }
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return added;
    }
}

/// <summary>Every new company starts with the default chart, loaded in the unit of work that creates the company.</summary>
internal sealed class DefaultChartForNewCompany(LoadDefaultChartHandler chart) : ICompanyInitializer
{
    public Task InitializeAsync(CancellationToken ct) => chart.HandleAsync(ct);
}

internal static class LoadDefaultChartEndpoint
{
    public static void Map(IEndpointRouteBuilder accounts) =>
        accounts.MapPost("/default-chart", async (HttpRequest request, LoadDefaultChartHandler handler, CancellationToken ct) =>
                request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0
                    ? Problems.Of("body_not_expected", "This action takes no request body.", StatusCodes.Status400BadRequest)
                    : Results.Ok(new { added = await handler.HandleAsync(ct) }))
            .RequireAuthorization(AccountingPermissions.Manage)
            .WithName("LoadDefaultChart")
            .WithSummary("Add the default chart's accounts that the company does not have yet");
}
