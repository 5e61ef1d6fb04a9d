using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Contacts;
using Tandem.Crm.Features.Opportunities;
using Tandem.Crm.Features.Pipelines;
using Tandem.Crm.Features.Security;
using Tandem.Parties.Contracts;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Leads;

/// <summary>
/// How to convert: link <c>accountId</c> or let the lead's company become a new account; the lead's person
/// always becomes a contact; an opportunity is opened unless <c>createOpportunity</c> is false.
/// </summary>
public sealed record ConvertLeadInput(
    Guid? AccountId = null, bool CreateOpportunity = true, string? OpportunityName = null, Money? Amount = null,
    DateOnly? ExpectedCloseDate = null, ContactRole ContactRole = ContactRole.DecisionMaker);

public sealed record ConversionDto(Guid LeadId, Guid AccountId, Guid ContactId, Guid? OpportunityId);

/// <summary>Turns a lead into an account, a contact and an opportunity in one transaction; the lead's history moves with it.</summary>
internal sealed class ConvertLeadHandler(
    CrmDb db, LeadsHandler leads, CrmVisibility visibility, IPartiesModule parties, ContactsHandler contacts, OpportunitiesHandler opportunities,
    PipelinesHandler pipelines, PlatformDb platform, ICompanyContext company, DbSession session, ISearchIndex search, TimeProvider clock)
{
    public async Task<Result<ConversionDto>> HandleAsync(Guid leadId, ConvertLeadInput input, CancellationToken ct)
    {
        var lead = await leads.LoadAsync(leadId, ct);
        if (lead is null)
            return Error.NotFound("Lead");
        try
        {
            lead.EnsureConvertible();
        }
        catch (BusinessRuleException rule)
        {
            return rule.Error;
        }
        var errors = new FieldErrors()
            .Optional("opportunityName", input.OpportunityName)
            .When(input.Amount is { Amount: < 0 }, "amount.amount", "Cannot be negative.")
            .When(input.AccountId is null && string.IsNullOrWhiteSpace(lead.Company), "accountId", "The lead has no company: pick an existing account.")
            .When(!Enum.IsDefined(input.ContactRole), "contactRole", "decisionMaker, champion, influencer, user, gatekeeper or other.");
        if (errors.Any)
            return errors.ToError();
        if (input.AccountId is { } linked && !await (await visibility.AccountsAsync(ct)).AnyAsync(a => a.Id == linked, ct))
            return Error.Validation("accountId", "No such account.");
        var pipeline = input.CreateOpportunity ? await pipelines.DefaultAsync(ct) : null;
        var now = clock.GetUtcNow();

        await using var unit = await session.BeginAsync(ct);
        Guid accountId;
        if (input.AccountId is { } existing)
        {
            accountId = existing;
        }
        else
        {
            var party = await parties.RegisterAsync(new NewParty(PartyKind.Organisation, lead.Company!, Phone: lead.Phone), ct);
            if (!party.IsSuccess)
                return party.Error!;
            var account = Account.Open(party.Value.Id, party.Value.Name, new AccountDetails(lead.Industry, null, LifecycleStage.Prospect, null),
                lead.OwnerId, lead.TeamId, now);
            db.Accounts.Add(account);
            await db.SaveChangesAsync(ct);
            await search.IndexAsync(SearchDocuments.For(account), ct);
            accountId = account.Id;
        }
        var contact = await contacts.AddAsync(new ContactInput(accountId, lead.Name, null, lead.Email, lead.Phone, lead.JobTitle, input.ContactRole), ct);
        if (!contact.IsSuccess)
            return contact.Error!;
        Guid? opportunityId = null;
        if (pipeline is not null)
        {
            var currency = await platform.Companies.AsNoTracking().Where(c => c.Id == company.CompanyId).Select(c => c.Currency).SingleAsync(ct);
            var amount = input.Amount ?? new Money(0, new CurrencyCode(currency));
            var name = string.IsNullOrWhiteSpace(input.OpportunityName) ? $"{lead.Company ?? lead.Name} opportunity" : input.OpportunityName;
            var opportunity = await opportunities.OpenAsync(name, accountId, contact.Value.Id, pipeline.FirstOpenStage, amount,
                input.ExpectedCloseDate ?? DateOnly.FromDateTime(now.UtcDateTime.AddDays(30)), [], lead.Id, lead.OwnerId, null, ct);
            opportunityId = opportunity.Id;
        }
        // The lead's history stays on the lead and now also shows on the account, contact and opportunity.
        foreach (var activity in await db.Activities.Where(a => a.LeadId == lead.Id).ToListAsync(ct))
            activity.AttachTo(accountId, contact.Value.Id, opportunityId);
        foreach (var note in await db.Notes.Where(n => n.LeadId == lead.Id).ToListAsync(ct))
            note.AttachTo(accountId, contact.Value.Id, opportunityId);
        lead.MarkConverted(accountId, contact.Value.Id, opportunityId, now);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(lead), ct);
        await unit.CommitAsync(ct);
        return new ConversionDto(lead.Id, accountId, contact.Value.Id, opportunityId);
    }
}

internal static class ConvertLeadEndpoint
{
    public static void Map(IEndpointRouteBuilder crm) =>
        crm.MapPost("/leads/{id:guid}/convert", async (Guid id, ConvertLeadInput? input, ConvertLeadHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, input ?? new ConvertLeadInput(), ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Write).WithTags("CRM leads").WithName("ConvertLead")
            .WithSummary("Convert a lead into account, contact and opportunity in one transaction; a second convert is 409 lead_already_converted");
}
