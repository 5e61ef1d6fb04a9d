using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Parties.Contracts;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;

namespace Tandem.Crm.Features.PartyMaster;

/// <summary>
/// After a party merge, accounts and contacts point at the surviving party. When both parties have an account,
/// the merged account is folded into the survivor's: its contacts, opportunities, activities, notes, converted
/// leads, child accounts and shares move over, and the merged account is removed with its search document.
/// Every change goes through the audited save, in the merge's transaction.
/// </summary>
internal sealed class CrmPartyReferences(CrmDb db, DbSession session, ISearchIndex search) : IPartyReferenceHolder
{
    public string Name => "CRM accounts and contacts";

    public async Task<int> RepointAsync(Guid fromPartyId, Guid toPartyId, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var changed = 0;
        var accounts = await db.Accounts.AsTracking().Where(a => a.PartyId == fromPartyId).ToListAsync(ct);
        var survivor = await db.Accounts.AsTracking().SingleOrDefaultAsync(a => a.PartyId == toPartyId, ct);
        foreach (var account in accounts)
        {
            if (survivor is null)
            {
                account.RepointParty(toPartyId);
                changed++;
            }
            else
            {
                changed += await FoldAsync(account, survivor, ct);
            }
        }
        var contacts = await db.Contacts.AsTracking().Where(c => c.PartyId == fromPartyId).ToListAsync(ct);
        foreach (var contact in contacts)
            contact.RepointParty(toPartyId);
        changed += contacts.Count;
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return changed;
    }

    /// <summary>Moves everything of <paramref name="merged"/> to <paramref name="survivor"/> and removes it; returns how many records moved.</summary>
    private async Task<int> FoldAsync(Account merged, Account survivor, CancellationToken ct)
    {
        var from = merged.Id;
        var to = survivor.Id;
        var contacts = await db.Contacts.AsTracking().Where(c => c.AccountId == from).ToListAsync(ct);
        contacts.ForEach(c => c.MoveTo(to));
        var opportunities = await db.Opportunities.AsTracking().Where(o => o.AccountId == from).ToListAsync(ct);
        opportunities.ForEach(o => o.RepointAccount(to, o.ContactId));
        var activities = await db.Activities.AsTracking().Where(a => a.AccountId == from).ToListAsync(ct);
        activities.ForEach(a => a.MoveToAccount(to));
        var notes = await db.Notes.AsTracking().Where(n => n.AccountId == from).ToListAsync(ct);
        notes.ForEach(n => n.MoveToAccount(to));
        var leads = await db.Leads.AsTracking().Where(l => l.AccountId == from).ToListAsync(ct);
        leads.ForEach(l => l.MoveToAccount(to));
        var children = await db.Accounts.AsTracking().Where(a => a.ParentAccountId == from).ToListAsync(ct);
        children.ForEach(a => a.ReparentTo(to));
        if (survivor.ParentAccountId == from)
            survivor.ReparentTo(merged.ParentAccountId);

        // Whoever the merged account was shared with keeps seeing the organisation.
        var shares = await db.Shares.AsTracking().Where(s => s.RecordId == from).ToListAsync(ct);
        var sharedAlready = await db.Shares.Where(s => s.RecordId == to).Select(s => s.UserId).ToListAsync(ct);
        foreach (var share in shares)
        {
            db.Shares.Remove(share);
            if (!sharedAlready.Contains(share.UserId) && share.UserId != survivor.OwnerId)
                db.Shares.Add(RecordShare.Create(share.RecordType, to, share.UserId, share.SharedAt));
        }

        survivor.SetCustomFields(CustomFieldValues.Merge(survivor.CustomFields, merged.CustomFields));
        db.Accounts.Remove(merged);
        await db.SaveChangesAsync(ct);
        await search.RemoveAsync("account", from, ct);
        await search.IndexAsync(SearchDocuments.For(survivor), ct);
        // Activities and notes open the account they hang on, when not an opportunity.
        foreach (var activity in activities)
            await search.IndexAsync(SearchDocuments.For(activity), ct);
        foreach (var note in notes)
            await search.IndexAsync(SearchDocuments.For(note), ct);
        return 1 + contacts.Count + opportunities.Count + activities.Count + notes.Count + leads.Count + children.Count;
    }
}

/// <summary>
/// Keeps the account and contact names the CRM copies from the party master in step after a rename, and their
/// search documents with them. Reads the party's current name rather than the event's, so a late or repeated
/// delivery never puts an old name back.
/// </summary>
internal sealed class PartyRenamedHandler(CrmDb db, DbSession session, IPartiesModule parties, ISearchIndex search)
    : IIntegrationEventHandler<PartyRenamed>
{
    public async Task HandleAsync(PartyRenamed integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        var partyId = integrationEvent.PartyId;
        var name = (await parties.FindAsync(partyId, ct))?.Name ?? integrationEvent.Name;
        await using var unit = await session.BeginAsync(ct);
        var accounts = await db.Accounts.AsTracking().Where(a => a.PartyId == partyId && a.Name != name).ToListAsync(ct);
        accounts.ForEach(a => a.Rename(name));
        var contacts = await db.Contacts.AsTracking().Where(c => c.PartyId == partyId && c.Name != name).ToListAsync(ct);
        contacts.ForEach(c => c.Rename(name));
        await db.SaveChangesAsync(ct);
        foreach (var account in accounts)
            await search.IndexAsync(SearchDocuments.For(account), ct);
        foreach (var contact in contacts)
            await search.IndexAsync(SearchDocuments.For(contact), ct);
        await unit.CommitAsync(ct);
    }
}
