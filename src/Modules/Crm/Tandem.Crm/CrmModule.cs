using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Crm.Bench;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features;
using Tandem.Crm.Features.Accounts;
using Tandem.Crm.Features.Activities;
using Tandem.Crm.Features.Contacts;
using Tandem.Crm.Features.Forecast;
using Tandem.Crm.Features.Leads;
using Tandem.Crm.Features.Notes;
using Tandem.Crm.Features.Notifications;
using Tandem.Crm.Features.Opportunities;
using Tandem.Crm.Features.PartyMaster;
using Tandem.Crm.Features.Pipelines;
using Tandem.Crm.Features.Security;
using Tandem.Crm.Features.Teams;
using Tandem.Crm.Features.Timeline;
using Tandem.Parties.Contracts;
using Tandem.Platform.Modules;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.Platform.Seeding;
using Tandem.Platform.Webhooks;
using Tandem.SharedKernel;

namespace Tandem.Crm;

/// <summary>The CRM: accounts and contacts on the party master, leads, opportunities and pipelines, activities and notes, under record-level security.</summary>
public sealed class CrmModule : ITandemModule
{
    public string Name => "CRM";

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(CrmPermissions.Read, "See accounts, contacts, leads, opportunities and activities (those you own, share or manage)"),
        new(CrmPermissions.Write, "Create and change CRM records, log activities, convert leads"),
        new(CrmPermissions.Manage, "Manage teams, pipelines, lead scoring and assignment rules"),
        new(CrmPermissions.All, "See every CRM record of the company regardless of owner"),
    ];

    public IReadOnlyList<NavItem> Navigation =>
    [
        new("Sales", "My day", "/crm/my-day", "today", CrmPermissions.Read, 20),
        new("Sales", "Leads", "/crm/leads", "inbox", CrmPermissions.Read, 21),
        new("Sales", "Accounts", "/crm/accounts", "business", CrmPermissions.Read, 22),
        new("Sales", "Pipeline", "/crm/pipeline", "view_kanban", CrmPermissions.Read, 23),
    ];

    public IReadOnlyList<SlotContribution> Slots =>
    [
        new(Platform.Modules.Slots.AppBar, typeof(NotificationBell), "Notifications", CrmPermissions.Read, 10),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<CrmDb, CrmDbSqlite, CrmDbPostgres>(CrmDb.SchemaName);
        services.AddWebhookEvent<OpportunityWon>("opportunity.won", "An opportunity was marked won",
            e => new { opportunityId = e.OpportunityId, accountId = e.AccountId, amount = e.Amount });
        services.AddOptions<CrmOptions>().Bind(configuration.GetSection(CrmOptions.Section));
        services.AddRateLimiter(options => options.AddPolicy<string, WebToLeadRateLimit>(WebToLeadRateLimit.Name));
        services.AddScoped<CrmVisibility>();
        services.AddScoped<TeamsHandler>();
        services.AddScoped<ShareHandler>();
        services.AddScoped<AccountsHandler>();
        services.AddScoped<ContactsHandler>();
        services.AddScoped<TimelineQuery>();
        services.AddScoped<AccountOverviewQueryHandler>();
        services.AddScoped<PipelinesHandler>();
        services.AddScoped<IBenchDataset, CrmBenchDataset>();
        services.AddScoped<OpportunitiesHandler>();
        services.AddScoped<ForecastQuery>();
        services.AddScoped<ActivitiesHandler>();
        services.AddScoped<NotesHandler>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<LeadScoring>();
        services.AddScoped<LeadAssignment>();
        services.AddScoped<LeadDuplicates>();
        services.AddScoped<LeadsHandler>();
        services.AddScoped<ConvertLeadHandler>();
        services.AddScoped<ImportLeadsHandler>();
        services.AddScoped<WebToLeadHandler>();
        services.AddScoped<NotificationsHandler>();
        services.AddScoped<IReminderChannel, InAppReminderChannel>();
        services.AddSingleton<ReminderDispatcher>();
        services.AddHostedService<ReminderService>();
        services.AddScoped<ICrmModule, CrmFacade>();
        services.AddScoped<IPartyReferenceHolder, CrmPartyReferences>();
        services.AddIntegrationEventHandler<PartyRenamed, PartyRenamedHandler>();
        services.AddIntegrationEventHandler<Tandem.Sales.Contracts.QuoteAccepted, QuoteAcceptedHandler>();
        // The reindex rebuilds with the functions the handlers' explicit index calls use.
        services.AddSearchReindexSource<Account>("account", sp => sp.GetRequiredService<CrmDb>().Accounts, SearchDocuments.For);
        services.AddSearchReindexSource<Contact>("contact", sp => sp.GetRequiredService<CrmDb>().Contacts, SearchDocuments.For);
        services.AddSearchReindexSource<Lead>("lead", sp => sp.GetRequiredService<CrmDb>().Leads, SearchDocuments.For);
        services.AddSearchReindexSource<Opportunity>("opportunity", sp => sp.GetRequiredService<CrmDb>().Opportunities, SearchDocuments.For);
        services.AddSearchReindexSource<Activity>("activity", sp => sp.GetRequiredService<CrmDb>().Activities, SearchDocuments.For);
        services.AddSearchReindexSource<Note>("note", sp => sp.GetRequiredService<CrmDb>().Notes, SearchDocuments.For);
        foreach (var (type, label, visible) in CrmSearchSource.All)
            services.AddScoped<ISearchSource>(sp => new CrmSearchSource(type, label, visible, sp.GetRequiredService<CrmVisibility>()));
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var crm = api.MapGroup("/crm");
        TeamsEndpoints.Map(crm);
        AccountsEndpoints.Map(crm);
        TimelineEndpoint.Map(crm);
        AccountOverviewEndpoint.Map(crm);
        ContactsEndpoints.Map(crm);
        PipelinesEndpoints.Map(crm);
        OpportunitiesEndpoints.Map(crm);
        ForecastEndpoint.Map(crm);
        ActivitiesEndpoints.Map(crm);
        NotesEndpoints.Map(crm);
        LeadsEndpoints.Map(crm);
        NotificationsEndpoints.Map(crm);
        ConvertLeadEndpoint.Map(crm);
        ImportLeadsEndpoint.Map(crm);
        LeadScoringEndpoints.Map(crm);
        AssignmentEndpoints.Map(crm);
        WebToLeadEndpoint.Map(api);
    }

    public async Task SeedDemoAsync(IServiceProvider services, CancellationToken ct) =>
        await Demo.CrmDemo.SeedAsync(services, ct);
}

internal sealed class CrmFacade(CrmVisibility visibility) : ICrmModule
{
    public async Task<OpportunitySummary?> FindOpportunityAsync(Guid opportunityId, CancellationToken ct)
    {
        var opportunity = await (await visibility.OpportunitiesAsync(ct)).Where(o => o.Id == opportunityId)
            .Select(o => new { o.Id, o.Name, o.AccountId, o.Amount, o.StageKind }).SingleOrDefaultAsync(ct);
        if (opportunity is null)
            return null;
        var account = await FindAccountAsync(opportunity.AccountId, ct);
        return account is null ? null
            : new OpportunitySummary(opportunity.Id, opportunity.Name, opportunity.AccountId, account.PartyId, opportunity.Amount, opportunity.StageKind.ToString().ToLowerInvariant());
    }

    public async Task<AccountSummary?> FindAccountAsync(Guid accountId, CancellationToken ct) =>
        await (await visibility.AccountsAsync(ct)).Where(a => a.Id == accountId)
            .Select(a => new AccountSummary(a.Id, a.PartyId, a.Name, a.OwnerId)).SingleOrDefaultAsync(ct);
}
