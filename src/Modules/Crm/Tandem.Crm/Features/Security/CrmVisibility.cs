using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Platform;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Security;

/// <summary>
/// Record-level security, in one place: every CRM query passes through <see cref="Filter{T}"/> (owned records)
/// or the derived filters (contacts, activities, notes), so no endpoint can forget it. A rep sees what they own
/// or what is shared with them; a team's manager sees the team's records and its members'; <c>crm.all</c> sees
/// everything; holders of <c>crm.manage</c> also see leads nobody owns yet (the lead inbox).
/// </summary>
internal sealed class CrmVisibility(CrmDb db, ICurrentUser user)
{
    private Scope? _scope;

    public Guid? UserId => user.UserId;

    public bool SeesAll => user.HasPermission(CrmPermissions.All);

    public async Task<IQueryable<T>> FilterAsync<T>(IQueryable<T> query, CancellationToken ct) where T : class, ISecuredRecord
    {
        if (SeesAll)
            return query;
        var scope = await ScopeAsync(ct);
        var me = scope.UserId;
        var teams = scope.ManagedTeams;
        var members = scope.ManagedMembers;
        var unowned = scope.SeesUnowned;
        var shares = db.Shares;
        return query.Where(r =>
            r.OwnerId == me
            || (r.TeamId != null && teams.Contains(r.TeamId.Value))
            || (r.OwnerId != null && members.Contains(r.OwnerId.Value))
            || (unowned && r.OwnerId == null)
            || shares.Any(s => s.RecordId == r.Id && s.UserId == me));
    }

    /// <summary>
    /// A record the user may see, tracked for a change, in one query; null when it does not exist or is hidden
    /// (the caller answers 404 either way).
    /// </summary>
    public static Task<T?> TrackedAsync<T>(IQueryable<T> visible, Guid id, CancellationToken ct) where T : Entity =>
        visible.AsTracking().SingleOrDefaultAsync(r => r.Id == id, ct);

    public Task<IQueryable<Account>> AccountsAsync(CancellationToken ct) => FilterAsync(db.Accounts.AsNoTracking(), ct);

    public Task<IQueryable<Lead>> LeadsAsync(CancellationToken ct) => FilterAsync(db.Leads.AsNoTracking(), ct);

    public Task<IQueryable<Opportunity>> OpportunitiesAsync(CancellationToken ct) => FilterAsync(db.Opportunities.AsNoTracking(), ct);

    /// <summary>A contact is seen with its account.</summary>
    public async Task<IQueryable<Contact>> ContactsAsync(CancellationToken ct)
    {
        if (SeesAll)
            return db.Contacts.AsNoTracking();
        var accounts = await AccountsAsync(ct);
        return db.Contacts.AsNoTracking().Where(c => accounts.Any(a => a.Id == c.AccountId));
    }

    /// <summary>An activity is seen by its assignee and by whoever sees a record it hangs on.</summary>
    public async Task<IQueryable<Activity>> ActivitiesAsync(CancellationToken ct)
    {
        if (SeesAll)
            return db.Activities.AsNoTracking();
        var (accounts, leads, opportunities) = (await AccountsAsync(ct), await LeadsAsync(ct), await OpportunitiesAsync(ct));
        var me = user.UserId;
        return db.Activities.AsNoTracking().Where(x =>
            x.AssigneeId == me
            || (x.AccountId != null && accounts.Any(a => a.Id == x.AccountId))
            || (x.LeadId != null && leads.Any(l => l.Id == x.LeadId))
            || (x.OpportunityId != null && opportunities.Any(o => o.Id == x.OpportunityId)));
    }

    /// <summary>A note is seen by its author and by whoever sees a record it hangs on.</summary>
    public async Task<IQueryable<Note>> NotesAsync(CancellationToken ct)
    {
        if (SeesAll)
            return db.Notes.AsNoTracking();
        var (accounts, leads, opportunities) = (await AccountsAsync(ct), await LeadsAsync(ct), await OpportunitiesAsync(ct));
        var me = user.UserId;
        return db.Notes.AsNoTracking().Where(x =>
            x.AuthorId == me
            || (x.AccountId != null && accounts.Any(a => a.Id == x.AccountId))
            || (x.LeadId != null && leads.Any(l => l.Id == x.LeadId))
            || (x.OpportunityId != null && opportunities.Any(o => o.Id == x.OpportunityId)));
    }

    /// <summary>Whether the records an activity or note is to be linked to exist and are visible; the error names the first that is not.</summary>
    public async Task<string?> UnseenLinkAsync(RecordLinks links, CancellationToken ct)
    {
        if (links.LeadId is { } lead && !await (await LeadsAsync(ct)).AnyAsync(l => l.Id == lead, ct))
            return "leadId";
        if (links.AccountId is { } account && !await (await AccountsAsync(ct)).AnyAsync(a => a.Id == account, ct))
            return "accountId";
        if (links.ContactId is { } contact && !await (await ContactsAsync(ct)).AnyAsync(c => c.Id == contact, ct))
            return "contactId";
        if (links.OpportunityId is { } opportunity && !await (await OpportunitiesAsync(ct)).AnyAsync(o => o.Id == opportunity, ct))
            return "opportunityId";
        return null;
    }

    /// <summary>The team a new record of this owner belongs to: the first team (by name) the owner is a member of.</summary>
    public async Task<Guid?> TeamOfAsync(Guid? ownerId, CancellationToken ct) =>
        ownerId is null
            ? null
            : await db.TeamMembers.AsNoTracking().Where(m => m.UserId == ownerId)
                .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { t.Id, t.Name })
                .OrderBy(t => t.Name).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);

    private async Task<Scope> ScopeAsync(CancellationToken ct)
    {
        if (_scope is not null)
            return _scope;
        var me = user.UserId;
        var teams = me is null
            ? []
            : await db.Teams.AsNoTracking().IgnoreAutoIncludes().Where(t => t.ManagerId == me).Select(t => t.Id).ToListAsync(ct);
        var members = teams.Count == 0
            ? []
            : await db.TeamMembers.AsNoTracking().Where(m => teams.Contains(m.TeamId)).Select(m => m.UserId).Distinct().ToListAsync(ct);
        return _scope = new Scope(me, teams, members, user.HasPermission(CrmPermissions.Manage));
    }

    private sealed record Scope(Guid? UserId, List<Guid> ManagedTeams, List<Guid> ManagedMembers, bool SeesUnowned);
}
