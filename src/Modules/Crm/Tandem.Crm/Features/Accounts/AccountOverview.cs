using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Crm.Features.Timeline;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Accounts;

public sealed record OverviewOpportunityDto(Guid Id, string Name, string Stage, int Probability, Money Amount, DateOnly ExpectedCloseDate, Guid? OwnerId);

public sealed record OverviewActivityDto(Guid Id, ActivityKind Kind, string Subject, DateOnly? DueDate, bool Done, DateTimeOffset CreatedAt);

public sealed record OverviewNoteDto(Guid Id, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>
/// The customer-360 overview: the account, the CRM's open opportunities and latest activities and notes, the ledger's
/// figures (<see cref="Finance"/>, null without the permission or the module), the sales side (<see cref="Sales"/>,
/// likewise) and one timeline, newest first, merging CRM interactions with every module's events.
/// </summary>
public sealed record AccountOverviewDto(
    Guid Id, string Name, Guid PartyId, Guid? OwnerId, LifecycleStage LifecycleStage, DateOnly Today,
    IReadOnlyList<OverviewOpportunityDto> OpenOpportunities, IReadOnlyList<OverviewActivityDto> RecentActivities, IReadOnlyList<OverviewNoteDto> RecentNotes,
    AccountFinance? Finance, AccountSales? Sales, IReadOnlyList<OverviewEvent> Timeline);

internal sealed class AccountOverviewQueryHandler(
    CrmDb db, CrmVisibility visibility, TimelineQuery crmTimeline, ICurrentUser user, TimeProvider clock,
    IEnumerable<IAccountFinanceSource> finance, IEnumerable<IAccountSalesSource> sales, IEnumerable<IAccountTimelineSource> timelines)
{
    public const int TimelineLimit = 50;
    public const int Recent = 10;

    /// <param name="withModulePanels">
    /// False for the account page, whose finance and sales panels come from their modules through a slot: finance and
    /// sales are then left null instead of being read twice.
    /// </param>
    public async Task<Result<AccountOverviewDto>> HandleAsync(Guid accountId, CancellationToken ct, bool withModulePanels = true)
    {
        var account = await (await visibility.AccountsAsync(ct)).Where(a => a.Id == accountId)
            .Select(a => new { a.Id, a.Name, a.PartyId, a.OwnerId, a.LifecycleStage }).SingleOrDefaultAsync(ct);
        if (account is null)
            return Error.NotFound("Account");
        var query = new AccountOverviewQuery(account.Id, account.PartyId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

        var opportunities = await (await visibility.OpportunitiesAsync(ct)).Where(o => o.AccountId == accountId && o.StageKind == StageKind.Open)
            .Join(db.Stages, o => o.StageId, s => s.Id, (o, s) => new { o.Id, o.Name, Stage = s.Name, o.Probability, o.Amount, o.ExpectedCloseDate, o.OwnerId })
            .OrderBy(o => o.ExpectedCloseDate).ThenBy(o => o.Id).Take(100).ToListAsync(ct);
        var activities = await db.Activities.AsNoTracking().Where(a => a.AccountId == accountId).OrderByDescending(a => a.CreatedAt).Take(Recent)
            .Select(a => new OverviewActivityDto(a.Id, a.Kind, a.Subject, a.DueDate, a.Done, a.CreatedAt)).ToListAsync(ct);
        var notes = await db.Notes.AsNoTracking().Where(n => n.AccountId == accountId).OrderByDescending(n => n.CreatedAt).Take(Recent)
            .Select(n => new OverviewNoteDto(n.Id, n.AuthorName, n.Text, n.CreatedAt)).ToListAsync(ct);

        var financeSource = withModulePanels ? finance.FirstOrDefault(s => user.HasPermission(s.Permission)) : null;
        var salesSource = withModulePanels ? sales.FirstOrDefault(s => user.HasPermission(s.Permission)) : null;
        return new AccountOverviewDto(
            account.Id, account.Name, account.PartyId, account.OwnerId, account.LifecycleStage, query.Today,
            opportunities.Select(o => new OverviewOpportunityDto(o.Id, o.Name, o.Stage, o.Probability, o.Amount, o.ExpectedCloseDate, o.OwnerId)).ToList(),
            activities, notes,
            financeSource is null ? null : await financeSource.GetFinanceAsync(query, ct),
            salesSource is null ? null : await salesSource.GetSalesAsync(query, ct),
            await TimelineAsync(query, ct));
    }

    /// <summary>The CRM's interactions and the events of every source the user may see, newest first, at most <see cref="TimelineLimit"/>.</summary>
    private async Task<IReadOnlyList<OverviewEvent>> TimelineAsync(AccountOverviewQuery query, CancellationToken ct)
    {
        var crm = await crmTimeline.EntriesAsync(query.AccountId, TimelineLimit, ct);
        var events = new List<OverviewEvent>();
        events.AddRange(crm.Select(e => new OverviewEvent(e.At, e.Kind, e.Title, null, null, null) { Detail = e.Detail }));
        foreach (var source in timelines.Where(s => s.Permission is null || user.HasPermission(s.Permission)))
            events.AddRange(await source.GetEventsAsync(query, TimelineLimit, ct));
        return events.OrderByDescending(e => e.At).Take(TimelineLimit).ToList();
    }
}

internal static class AccountOverviewEndpoint
{
    public static void Map(IEndpointRouteBuilder crm) =>
        crm.MapGet("/accounts/{id:guid}/overview", async (Guid id, AccountOverviewQueryHandler handler, CancellationToken ct) => (await handler.HandleAsync(id, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithTags("CRM accounts").WithName("AccountOverview")
            .WithSummary("The customer-360 overview: opportunities, activities, notes, finance and sales figures, and the merged timeline");
}
