using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Crm.Contracts;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Accounts;
using Tandem.Crm.Features.Activities;
using Tandem.Crm.Features.Contacts;
using Tandem.Crm.Features.Leads;
using Tandem.Crm.Features.Notes;
using Tandem.Crm.Features.Opportunities;
using Tandem.Crm.Features.Pipelines;
using Tandem.Crm.Features.Teams;
using Tandem.Platform;
using Tandem.Platform.Identity;
using Tandem.SharedKernel;

namespace Tandem.Crm.Demo;

/// <summary>The demo company's sales: a team, accounts with contacts, leads in every status, a pipeline with history, activities.</summary>
internal static class CrmDemo
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var company = services.GetRequiredService<ICompanyContext>().CompanyId;
        var owner = await services.GetRequiredService<PlatformDb>().Memberships.AsNoTracking()
            .Where(m => m.CompanyId == company).Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(ct);
        Guid[] members = owner is { } o ? [o] : [];

        Check(await services.GetRequiredService<TeamsHandler>().CreateAsync(new TeamInput("Field sales", owner, members), ct));
        var pipeline = await services.GetRequiredService<PipelinesHandler>().DefaultAsync(ct);
        var stages = pipeline.Stages.OrderBy(s => s.Order).ToList();

        var accounts = services.GetRequiredService<AccountsHandler>();
        var contacts = services.GetRequiredService<ContactsHandler>();
        var opportunities = services.GetRequiredService<OpportunitiesHandler>();
        var activities = services.GetRequiredService<ActivitiesHandler>();
        var notes = services.GetRequiredService<NotesHandler>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        (string Account, string Industry, string Segment, LifecycleStage Stage, string Contact, string Email, ContactRole Role, string Deal, decimal Amount, int StageIndex)[] book =
        [
            ("Greenfield Bikes", "Retail", "SMB", LifecycleStage.Customer, "Hannah Green", "hannah@greenfield.example", ContactRole.DecisionMaker, "Spring fleet order", 48_000m, 3),
            ("Alpine Tours", "Tourism", "Mid-market", LifecycleStage.Prospect, "Marco Rossi", "marco@alpinetours.example", ContactRole.Champion, "Rental e-bikes", 126_500m, 2),
            ("City Couriers", "Logistics", "Enterprise", LifecycleStage.Prospect, "Aisha Khan", "aisha@citycouriers.example", ContactRole.DecisionMaker, "Cargo bike pilot", 72_000m, 1),
            ("Velo Club Nord", "Sports", "SMB", LifecycleStage.Customer, "Jonas Berg", "jonas@veloclub.example", ContactRole.Influencer, "Team kits", 9_800m, 0),
            ("Harbour Hotels", "Hospitality", "Mid-market", LifecycleStage.Prospect, "Sofia Lind", "sofia@harbourhotels.example", ContactRole.Gatekeeper, "Guest bikes", 31_250m, 4),
        ];
        foreach (var (i, entry) in book.Index())
        {
            var account = Check(await accounts.CreateAsync(new AccountInput(entry.Account, Industry: entry.Industry, Segment: entry.Segment,
                LifecycleStage: entry.Stage, OwnerId: owner), ct));
            var contact = Check(await contacts.CreateAsync(new ContactInput(account.Id, entry.Contact, Email: entry.Email, JobTitle: "Head of purchasing", Role: entry.Role), ct));
            var deal = Check(await opportunities.CreateAsync(new OpportunityInput(entry.Deal, account.Id, new Money(entry.Amount, new CurrencyCode("EUR")),
                today.AddDays(20 + 15 * i), contact.Id, OwnerId: owner), ct));
            // Walk the deal along the board so the stage history has something to show.
            for (var s = 1; s <= Math.Min(entry.StageIndex, 3); s++)
                Check(await opportunities.MoveAsync(deal.Id, new MoveInput(stages[s].Id), ct));
            if (entry.StageIndex == 4)
                Check(await opportunities.WinAsync(deal.Id, ct));
            Check(await activities.LogAsync(new ActivityInput(ActivityKind.Call, $"Intro call with {entry.Contact}", "Talked through their needs.", Done: true,
                AccountId: account.Id, ContactId: contact.Id, AssigneeId: owner, Note: $"{entry.Contact} wants a proposal before the end of the quarter."), ct));
            Check(await activities.LogAsync(new ActivityInput(ActivityKind.Task, $"Send proposal to {entry.Account}", DueDate: today.AddDays(i - 2),
                OpportunityId: deal.Id, AssigneeId: owner), ct));
            Check(await notes.WriteAsync(new NoteInput($"{entry.Account} prefers delivery in two batches.", AccountId: account.Id), ct));
        }

        var leads = services.GetRequiredService<LeadsHandler>();
        (string Name, string Company, string Email, string Source, string Country, LeadStatus Status)[] inbox =
        [
            ("Lena Fischer", "Bergbahn AG", "lena@bergbahn.example", "web", "DE", LeadStatus.New),
            ("Tom Baker", "Coastline Rentals", "tom@coastline.example", "referral", "GB", LeadStatus.Working),
            ("Ines Moreau", "Cycles Moreau", "ines@moreau.example", "trade show", "FR", LeadStatus.Qualified),
            ("Pavel Novak", "Novak Sport", "pavel@novak.example", "web", "CZ", LeadStatus.Disqualified),
            ("Emma Wilson", "Campus Mobility", "emma@campus.example", "import", "GB", LeadStatus.New),
            ("Raj Patel", "Metro Bike Share", "raj@metrobikes.example", "referral", "GB", LeadStatus.Converted),
        ];
        foreach (var lead in inbox)
        {
            var created = Check(await leads.CreateAsync(new LeadInput(lead.Name, lead.Company, lead.Email, Source: lead.Source, Country: lead.Country, OwnerId: owner), ct));
            if (lead.Status == LeadStatus.Converted)
            {
                Check(await activities.LogAsync(new ActivityInput(ActivityKind.Meeting, "Depot visit", "Saw their fleet of 200 bikes.", Done: true,
                    LeadId: created.Id, AssigneeId: owner), ct));
                Check(await services.GetRequiredService<ConvertLeadHandler>().HandleAsync(created.Id,
                    new ConvertLeadInput(OpportunityName: "Bike share fleet renewal", Amount: new Money(210_000m, new CurrencyCode("EUR")), ExpectedCloseDate: today.AddDays(75)), ct));
            }
            else if (lead.Status != LeadStatus.New)
            {
                Check(await leads.ChangeStatusAsync(created.Id, new LeadStatusInput(lead.Status, lead.Status == LeadStatus.Disqualified ? "No budget this year" : null), ct));
            }
        }
        var scoring = services.GetRequiredService<LeadScoring>();
        Check(await scoring.AddRuleAsync(new ScoringRuleInput("Came through the web form", "source", ScoringCondition.Equals, "web", 10), ct));
        Check(await scoring.AddRuleAsync(new ScoringRuleInput("Gave an email", "email", ScoringCondition.IsSet, null, 5), ct));
        Check(await scoring.AddRuleAsync(new ScoringRuleInput("Engaged: two activities", "activities", ScoringCondition.ActivitiesAtLeast, "2", 20), ct));
    }

    private static T Check<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Demo CRM data was refused: {result.Error!.Code} {result.Error.Message}");
}
