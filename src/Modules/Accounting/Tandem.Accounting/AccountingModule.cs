using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Bench;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Features.Accounts;
using Tandem.Accounting.Features.Budgets;
using Tandem.Accounting.Features.Closing;
using Tandem.Accounting.Features.CustomerOverview;
using Tandem.Accounting.Features.ExchangeRates;
using Tandem.Accounting.Features.Invoices;
using Tandem.Accounting.Features.JournalEntries;
using Tandem.Accounting.Features.Payments;
using Tandem.Accounting.Features.Periods;
using Tandem.Accounting.Features.Receivables;
using Tandem.Accounting.Features.Reports;
using Tandem.Accounting.Features.Taxes;
using Tandem.Accounting.Ledger;
using Tandem.Parties.Contracts;
using Tandem.Platform.Consistency;
using Tandem.Platform.Modules;
using Tandem.Platform.Outbox;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.Platform.Seeding;
using Tandem.Platform.Webhooks;
using Tandem.SharedKernel;

namespace Tandem.Accounting;

/// <summary>The ledger: chart of accounts, periods, journal entries, balances and the financial reports.</summary>
public sealed class AccountingModule : ITandemModule
{
    public string Name => "Accounting";

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(AccountingPermissions.Read, "See the ledger, accounts and financial reports"),
        new(AccountingPermissions.ReadCustomers, "See customers' balance, credit, invoices and payments on the customer-360 page"),
        new(AccountingPermissions.Write, "Draft journal entries, invoices and payments"),
        new(AccountingPermissions.Post, "Post and reverse entries in the ledger"),
        new(AccountingPermissions.Close, "Open fiscal years, close and lock periods"),
        new(AccountingPermissions.Manage, "Maintain the chart of accounts, taxes, payment terms, exchange rates, budgets and credit limits"),
    ];

    public IReadOnlyList<NavItem> Navigation =>
    [
        new("Accounting", "Invoices and bills", "/accounting/invoices", "receipt_long", AccountingPermissions.Read, 38),
        new("Accounting", "Payments", "/accounting/payments", "payments", AccountingPermissions.Read, 39),
        new("Accounting", "Journal entries", "/accounting/journal-entries", "book", AccountingPermissions.Read, 40),
        new("Accounting", "Chart of accounts", "/accounting/accounts", "account_tree", AccountingPermissions.Read, 41),
        new("Accounting", "Trial balance", "/accounting/reports/trial-balance", "balance", AccountingPermissions.Read, 42),
        new("Accounting", "Profit and loss", "/accounting/reports/profit-and-loss", "trending_up", AccountingPermissions.Read, 43),
        new("Accounting", "Balance sheet", "/accounting/reports/balance-sheet", "account_balance", AccountingPermissions.Read, 44),
        new("Accounting", "Aged receivables", "/accounting/reports/aged-receivables", "schedule", AccountingPermissions.Read, 45),
        new("Accounting", "Aged payables", "/accounting/reports/aged-payables", "schedule", AccountingPermissions.Read, 46),
        new("Accounting", "Periods", "/accounting/periods", "event", AccountingPermissions.Read, 47),
        new("Accounting", "Taxes", "/accounting/taxes", "percent", AccountingPermissions.Read, 48),
        new("Accounting", "Payment terms", "/accounting/payment-terms", "event_repeat", AccountingPermissions.Read, 49),
        new("Accounting", "Exchange rates", "/accounting/exchange-rates", "currency_exchange", AccountingPermissions.Read, 50),
        new("Accounting", "Budgets", "/accounting/budgets", "savings", AccountingPermissions.Read, 51),
        new("Accounting", "Credit limits", "/accounting/credit-limits", "credit_score", AccountingPermissions.Read, 52),
    ];

    public IReadOnlyList<SlotContribution> Slots =>
    [
        new(Platform.Modules.Slots.PartyPage, typeof(PartyAccountingPanel), "Accounting", AccountingPermissions.Read, 30),
        new(Platform.Modules.Slots.AccountOverview, typeof(AccountFinancePanel), "Finance", AccountingPermissions.ReadCustomers, 30),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebhookEvent<InvoicePosted>("invoice.posted", "An invoice, credit note, bill or refund was posted",
            e => new { invoiceId = e.InvoiceId, number = e.Number, kind = e.Kind, partyId = e.PartyId, date = e.Date, total = e.Total });
        services.AddWebhookEvent<PaymentReceived>("payment.received", "A customer's payment was registered",
            e => new { paymentId = e.PaymentId, number = e.Number, partyId = e.PartyId, date = e.Date, amount = e.Amount });
        services.AddModuleDb<AccountingDb, AccountingDbSqlite, AccountingDbPostgres>(AccountingDb.SchemaName);
        services.AddScoped<LedgerSql>();
        services.AddScoped<IBenchDataset, LedgerBenchDataset>();
        services.AddScoped<BalanceWriter>();
        services.AddScoped<LedgerPosting>();
        services.AddScoped<CompanyCurrency>();
        services.AddScoped<LedgerFigures>();
        services.AddScoped<ReportsQuery>();
        services.AddScoped<LoadDefaultChartHandler>();
        services.AddScoped<ICompanyInitializer, DefaultChartForNewCompany>();
        services.AddScoped<ListAccountsQuery>();
        services.AddScoped<SaveAccountHandler>();
        services.AddScoped<PeriodsHandler>();
        services.AddScoped<JournalEntriesHandler>();
        services.AddScoped<ExchangeRatesHandler>();
        services.AddScoped<TaxesAndTermsHandler>();
        services.AddScoped<InvoicePosting>();
        services.AddScoped<InvoicesHandler>();
        services.AddScoped<CustomerDocuments>();
        services.AddScoped<PaymentsHandler>();
        services.AddScoped<ReceivablesQuery>();
        services.AddScoped<ReceivablesHandler>();
        services.AddScoped<ClosingHandler>();
        services.AddScoped<BudgetsHandler>();
        services.AddScoped<IConsistencyCheck, LedgerCheck>();
        services.AddScoped<INumberedDocuments, AccountingNumbers>();
        services.AddScoped<IPartyReferenceHolder, LedgerPartyReferences>();
        services.AddScoped<ModulePosting>();
        services.AddScoped<IAccountingModule, AccountingFacade>();
        services.AddScoped<Crm.Contracts.IAccountFinanceSource, AccountFinanceSource>();
        services.AddScoped<Crm.Contracts.IAccountTimelineSource, AccountLedgerTimeline>();
        services.AddIntegrationEventHandler<InvoicePosted, PartyChangedByLedger>();
        services.AddIntegrationEventHandler<PaymentReceived, PartyChangedByLedger>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var accounting = api.MapGroup("/accounting").WithTags("Accounting");
        var accounts = accounting.MapGroup("/accounts");
        AccountEndpoints.Map(accounts);
        LoadDefaultChartEndpoint.Map(accounts);
        PeriodEndpoints.Map(accounting);
        JournalEntryEndpoints.Map(accounting.MapGroup("/journal-entries"));
        ExchangeRateEndpoints.Map(accounting.MapGroup("/exchange-rates"));
        ReportEndpoints.Map(accounting.MapGroup("/reports"));
        TaxesAndTermsEndpoints.Map(accounting);
        InvoiceEndpoints.Map(accounting.MapGroup("/invoices"));
        PaymentEndpoints.Map(accounting.MapGroup("/payments"));
        ReceivablesEndpoints.Map(accounting);
        ClosingEndpoints.Map(accounting);
        BudgetEndpoints.Map(accounting);
    }

    public async Task SeedDemoAsync(IServiceProvider services, CancellationToken ct) =>
        await Demo.AccountingDemo.SeedAsync(services, ct);
}

internal sealed class AccountingFacade(
    AccountingDb db, ReceivablesQuery receivables, ModulePosting posting, TaxesAndTermsHandler taxes, CustomerDocuments documents, CompanyCurrency currency,
    TimeProvider clock)
    : IAccountingModule
{
    public async Task<IReadOnlyList<TaxSummary>> ListTaxesAsync(CancellationToken ct) =>
        (await taxes.ListTaxesAsync(ct)).Select(t => new TaxSummary(t.Id, t.Code, t.Name, t.Rate, t.PriceIncludesTax)).ToList();

    public Task<Result<PostedInvoice>> PostCustomerDocumentAsync(CustomerDocumentRequest request, CancellationToken ct) => documents.PostAsync(request, ct);

    public Task<IReadOnlyList<InvoiceStanding>> GetInvoicesAsync(IReadOnlyCollection<Guid> invoiceIds, CancellationToken ct) => documents.StandingsAsync(invoiceIds, ct);

    public Task<Result<PostedEntry>> PostAsync(LedgerEntryRequest request, CancellationToken ct) => posting.PostAsync(request, ct);

    public Task<IReadOnlyList<RoleBalance>> RoleBalancesAsync(ControlRole role, CancellationToken ct) => posting.RoleBalancesAsync(role, ct);

    public Task<IReadOnlySet<EntryReference>> PostedEntriesAsync(IReadOnlyCollection<EntryReference> entries, CancellationToken ct) =>
        posting.PostedEntriesAsync(entries, ct);

    public Task<CreditPosition> GetCreditPositionAsync(Guid partyId, CancellationToken ct) =>
        receivables.CreditPositionAsync(partyId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);

    public Task<Result<IReadOnlyList<Money>>> ConvertAsync(IReadOnlyList<Money> amounts, CurrencyCode to, DateOnly date, CancellationToken ct) =>
        currency.ConvertAsync(amounts, to, date, ct);

    public async Task<AccountSummary?> FindAccountAsync(string code, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().Where(a => a.Code == code)
            .Select(a => new AccountSummary(a.Id, a.Code, a.Name, a.Type, a.Role, a.IsActive)).SingleOrDefaultAsync(ct);
}

/// <summary>After a party merge, the ledger's lines and per-party balances belong to the survivor.</summary>
internal sealed class LedgerPartyReferences(AccountingDb db, BalanceWriter balances, DbSession session) : IPartyReferenceHolder
{
    public string Name => "Ledger lines and balances";

    public async Task<int> RepointAsync(Guid fromPartyId, Guid toPartyId, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var lines = await db.Lines.Where(l => l.PartyId == fromPartyId).ToListAsync(ct);
        foreach (var line in lines)
            line.RepointParty(toPartyId);
        var invoices = await db.Invoices.Where(i => i.PartyId == fromPartyId).ToListAsync(ct);
        foreach (var invoice in invoices)
            invoice.RepointParty(toPartyId);
        var items = await db.OpenItems.Where(o => o.PartyId == fromPartyId).ToListAsync(ct);
        foreach (var item in items)
            item.RepointParty(toPartyId);
        var payments = await db.Payments.Where(p => p.PartyId == fromPartyId).ToListAsync(ct);
        foreach (var payment in payments)
            payment.RepointParty(toPartyId);
        var limits = await db.CreditLimits.Where(l => l.PartyId == fromPartyId || l.PartyId == toPartyId).ToListAsync(ct);
        if (limits.Count == 2)
            db.CreditLimits.Remove(limits.Single(l => l.PartyId == fromPartyId));
        else if (limits.SingleOrDefault(l => l.PartyId == fromPartyId) is { } limit)
            limit.RepointParty(toPartyId);
        await db.SaveChangesAsync(ct);
        await balances.RepointPartyAsync(db.CompanyId, fromPartyId, toPartyId, ct);
        await unit.CommitAsync(ct);
        return lines.Count + invoices.Count + items.Count + payments.Count;
    }
}
