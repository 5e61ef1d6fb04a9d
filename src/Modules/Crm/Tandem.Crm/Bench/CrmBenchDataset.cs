using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Features.Pipelines;
using Tandem.Platform.Search;
using Tandem.Platform.Seeding;

namespace Tandem.Crm.Bench;

/// <summary>
/// The sales side for the benchmarks: an account per customer owned by a rep, a contact per person, opportunities on
/// the default pipeline with their stage history, and activities and notes on the accounts and opportunities, each
/// record with the search document the CRM's handlers would have written. An account's opportunities, activities
/// and notes belong to the account's owner, so record-level security sees coherent books per rep.
/// </summary>
internal sealed class CrmBenchDataset(CrmDb db, PipelinesHandler pipelines) : IBenchDataset
{
    public string Name => "crm";
    public int Order => 30;

    public async Task LoadAsync(BenchDataContext context, CancellationToken ct)
    {
        var pipeline = await pipelines.DefaultAsync(ct);
        var stages = await db.Stages.AsNoTracking().Where(s => s.PipelineId == pipeline.Id).OrderBy(s => s.Order)
            .Select(s => new Stage(s.Id, s.Name, s.Order, s.Probability, s.Kind)).ToListAsync(ct);
        var open = stages.Where(s => s.Kind == StageKind.Open).ToList();
        var won = stages.First(s => s.Kind == StageKind.Won);
        var lost = stages.First(s => s.Kind == StageKind.Lost);
        var now = context.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var reps = context.Reps;
        string RepName(Guid rep) => $"Bench Rep {reps.IndexOf(rep) + 1:D2}";

        // Accounts: one per customer, owners in turn.
        var accounts = context.Customers.Select((party, i) => (Id: Guid.CreateVersion7(), Party: party, Owner: reps[i % reps.Count])).ToList();
        var industries = new[] { "Retail", "Manufacturing", "Logistics", "Hospitality", "Education", "Healthcare", "Sport", "Tourism" };
        var segments = new[] { "SMB", "Mid-market", "Enterprise" };
        await context.CopyAsync("crm.account", ["id", "party_id", "name", "industry", "segment", "lifecycle_stage", "owner_id", "created_at", "company_id", "version"],
            accounts.Select((a, i) => new object?[]
            {
                a.Id, a.Party, context.PartyNames[a.Party], industries[i % industries.Length], segments[i % segments.Length],
                (i % 5 == 0 ? LifecycleStage.Prospect : LifecycleStage.Customer).ToString(), a.Owner, now.AddDays(-1000 + i % 900), context.CompanyId, 0L,
            }), ct);
        await context.IndexAsync(accounts.Select((a, i) => new SearchDocument("account", a.Id, context.PartyNames[a.Party],
            $"{industries[i % industries.Length]} · {segments[i % segments.Length]} · {(i % 5 == 0 ? LifecycleStage.Prospect : LifecycleStage.Customer)}", null, $"/crm/accounts/{a.Id}")), ct);
        context.Log($"{accounts.Count:N0} accounts");

        // Contacts: every person at their employer's account.
        var titles = new[] { "Purchasing manager", "Owner", "Operations director", "Buyer", "Store manager", "Finance director" };
        var roles = Enum.GetValues<ContactRole>();
        var contacts = context.People.Select((party, p) => (Id: Guid.CreateVersion7(), Party: party, Account: accounts[context.PersonEmployer[p]].Id, Index: p)).ToList();
        await context.CopyAsync("crm.contact", ["id", "party_id", "account_id", "name", "job_title", "role", "created_at", "company_id", "version"],
            contacts.Select(c => new object?[]
            {
                c.Id, c.Party, c.Account, context.PartyNames[c.Party], titles[c.Index % titles.Length], roles[c.Index % roles.Length].ToString(), now.AddDays(-900 + c.Index % 800),
                context.CompanyId, 0L,
            }), ct);
        await context.IndexAsync(contacts.Select(c => new SearchDocument("contact", c.Id, context.PartyNames[c.Party], titles[c.Index % titles.Length], null, $"/crm/contacts/{c.Id}")), ct);
        context.Log($"{contacts.Count:N0} contacts");

        // Opportunities: 70 % open across the open stages, 20 % won, 10 % lost; two stage changes each when past the first stage.
        var products = context.Pool(500, f => f.Commerce.ProductName());
        var opportunities = Enumerable.Range(0, context.Size.Opportunities).Select(j =>
        {
            var account = accounts[(int)((j * 7919L) % accounts.Count)];
            var stage = (j % 10) switch { < 7 => open[j % open.Count], < 9 => won, _ => lost };
            var amount = 1_000m + j * 37 % 99_000;
            var created = now.AddDays(-(j % 365) - 1);
            var close = today.AddDays(j % 240 - 60);
            return (Id: Guid.CreateVersion7(), Name: $"{products[j % products.Length]} for {context.PartyNames[account.Party]}", Account: account, Stage: stage,
                Amount: amount, Created: created, Close: close, Closed: stage.Kind == StageKind.Open ? (DateTimeOffset?)null : created.AddDays(20));
        }).ToList();
        var currency = await context.ScalarAsync<string>("SELECT currency FROM platform.companies WHERE id = @c", ct, ("c", context.CompanyId));
        await context.CopyAsync("crm.opportunity",
        [
            "id", "name", "account_id", "pipeline_id", "stage_id", "stage_kind", "stage_order", "probability", "expected_close_date", "close_month",
            "loss_reason", "owner_id", "created_at", "closed_at", "amount_amount", "amount_currency", "weighted_amount_amount", "weighted_amount_currency",
            "product_ids", "company_id", "version",
        ], opportunities.Select(o => new object?[]
        {
            o.Id, o.Name, o.Account.Id, pipeline.Id, o.Stage.Id, o.Stage.Kind.ToString(), o.Stage.Order, o.Stage.Probability, o.Close, o.Close.Year * 100 + o.Close.Month,
            o.Stage.Kind == StageKind.Lost ? "Chose a competitor" : null, o.Account.Owner, o.Created, o.Closed, o.Amount, currency,
            Math.Round(o.Amount * o.Stage.Probability / 100m, 2), currency, Array.Empty<Guid>(), context.CompanyId, 0L,
        }), ct);
        await context.CopyAsync("crm.stage_change", ["id", "opportunity_id", "from_stage_id", "to_stage_id", "to_stage_name", "at", "company_id", "version"],
            opportunities.SelectMany(o => o.Stage.Id == stages[0].Id
                ? new[] { new object?[] { Guid.CreateVersion7(), o.Id, null, o.Stage.Id, o.Stage.Name, o.Created, context.CompanyId, 0L } }
                : [
                    [Guid.CreateVersion7(), o.Id, null, stages[0].Id, stages[0].Name, o.Created, context.CompanyId, 0L],
                    [Guid.CreateVersion7(), o.Id, stages[0].Id, o.Stage.Id, o.Stage.Name, o.Created.AddDays(10), context.CompanyId, 0L],
                ]), ct);
        await context.IndexAsync(opportunities.Select(o => new SearchDocument("opportunity", o.Id, o.Name, $"{o.Amount:0.00##} {currency}",
            o.Stage.Kind == StageKind.Lost ? "Chose a competitor" : null, $"/crm/opportunities/{o.Id}")), ct);
        context.Log($"{opportunities.Count:N0} opportunities");

        // Activities and notes, half each: on an opportunity (and its account) or on an account alone, by the owner.
        var subjects = context.Pool(1_000, f => $"{f.PickRandom("Call", "Follow up", "Demo", "Visit", "Quote review", "Check in")} {f.Commerce.ProductName()}");
        var texts = context.Pool(5_000, f => $"{f.Rant.Review(f.Commerce.Product())} {f.Company.CatchPhrase()}. Next step: {f.Hacker.Phrase()}");
        var kinds = Enum.GetValues<ActivityKind>();
        (Guid Account, Guid? Opportunity, Guid Owner) Target(int k)
        {
            if (opportunities.Count > 0 && k % 2 == 0)
            {
                var o = opportunities[k / 2 % opportunities.Count];
                return (o.Account.Id, o.Id, o.Account.Owner);
            }
            var a = accounts[(int)((k * 104729L) % accounts.Count)];
            return (a.Id, null, a.Owner);
        }
        string Url((Guid Account, Guid? Opportunity, Guid Owner) t) => t.Opportunity is { } o ? $"/crm/opportunities/{o}" : $"/crm/accounts/{t.Account}";

        var activityCount = context.Size.Activities / 2;
        var activities = Enumerable.Range(0, activityCount).Select(k =>
        {
            var due = today.AddDays(k % 120 - 90);
            return (Id: Guid.CreateVersion7(), Kind: kinds[k % kinds.Length], Subject: subjects[k % subjects.Length], Details: k % 3 == 0 ? texts[(k * 7) % texts.Length] : null,
                Due: due, Done: due < today && k % 4 != 0, Target: Target(k), Created: now.AddDays(-(k % 400) - 1));
        });
        await context.CopyAsync("crm.activity", ["id", "kind", "subject", "details", "due_date", "done", "done_at", "account_id", "opportunity_id", "assignee_id", "created_at", "company_id", "version"],
            activities.Select(a => new object?[]
            {
                a.Id, a.Kind.ToString(), a.Subject, a.Details, a.Due, a.Done, a.Done ? a.Created.AddDays(1) : null, a.Target.Account, a.Target.Opportunity, a.Target.Owner,
                a.Created, context.CompanyId, 0L,
            }), ct);
        await context.IndexAsync(activities.Select(a => new SearchDocument("activity", a.Id, a.Subject, a.Kind.ToString(), a.Details, Url(a.Target))), ct);
        context.Log($"{activityCount:N0} activities");

        var noteCount = context.Size.Activities - activityCount;
        var notes = Enumerable.Range(0, noteCount).Select(k =>
            (Id: Guid.CreateVersion7(), Text: texts[(k * 13 + 5) % texts.Length], Target: Target(k + 1), Created: now.AddDays(-(k % 400) - 1)));
        await context.CopyAsync("crm.note", ["id", "text", "account_id", "opportunity_id", "author_id", "author_name", "created_at", "company_id", "version"],
            notes.Select(n => new object?[] { n.Id, n.Text, n.Target.Account, n.Target.Opportunity, n.Target.Owner, RepName(n.Target.Owner), n.Created, context.CompanyId, 0L }), ct);
        await context.IndexAsync(notes.Select(n => new SearchDocument("note", n.Id, n.Text.Length > 80 ? n.Text[..80] : n.Text, RepName(n.Target.Owner), n.Text, Url(n.Target))), ct);
        context.Log($"{noteCount:N0} notes");

        foreach (var table in new[] { "account", "contact", "opportunity", "stage_change", "activity", "note" })
            await context.ExecuteAsync($"ANALYZE crm.{table}", ct);
        await context.ExecuteAsync("ANALYZE search.documents", ct);
    }

    private sealed record Stage(Guid Id, string Name, int Order, int Probability, StageKind Kind);
}
