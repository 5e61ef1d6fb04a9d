using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Platform.Search;

namespace Tandem.Crm.Features;

/// <summary>The search documents the CRM writes in the same unit of work as the record.</summary>
internal static class SearchDocuments
{
    public static SearchDocument For(Account a) => new("account", a.Id, a.Name, Join(a.Industry, a.Segment, a.LifecycleStage.ToString()), null, $"/crm/accounts/{a.Id}");

    public static SearchDocument For(Contact c) => new("contact", c.Id, c.Name, Join(c.JobTitle, c.Email), null, $"/crm/contacts/{c.Id}");

    public static SearchDocument For(Lead l) => new("lead", l.Id, l.Name, Join(l.Company, l.Email, l.Status.ToString()), l.JobTitle, $"/crm/leads/{l.Id}");

    public static SearchDocument For(Opportunity o) => new("opportunity", o.Id, o.Name, o.Amount.ToString(), o.LossReason, $"/crm/opportunities/{o.Id}");

    public static SearchDocument For(Activity a) => new("activity", a.Id, a.Subject, a.Kind.ToString(), a.Details, Url(a.AccountId, a.LeadId, a.OpportunityId));

    public static SearchDocument For(Note n) => new("note", n.Id, n.Text.Length > 80 ? n.Text[..80] : n.Text, n.AuthorName, n.Text, Url(n.AccountId, n.LeadId, n.OpportunityId));

    /// <summary>The page of the record an activity or note hangs on.</summary>
    public static string Url(Guid? account, Guid? lead, Guid? opportunity) =>
        // The most specific record first: a note logged on an opportunity opens the opportunity, not its account.
        opportunity is { } o ? $"/crm/opportunities/{o}" : account is { } a ? $"/crm/accounts/{a}" : lead is { } l ? $"/crm/leads/{l}" : "/crm/my-day";

    private static string? Join(params string?[] parts)
    {
        var text = string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return text.Length == 0 ? null : text;
    }
}

/// <summary>One search source per CRM record type; each answers which hits the current user may see.</summary>
internal sealed class CrmSearchSource(string type, string label, Func<CrmVisibility, IReadOnlyCollection<Guid>, CancellationToken, Task<List<Guid>>> visible, CrmVisibility visibility) : ISearchSource
{
    public string Type => type;

    public string Label => label;

    public string ReadPermission => CrmPermissions.Read;

    public async Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await visible(visibility, ids, ct)).ToHashSet();

    public static IEnumerable<(string Type, string Label, Func<CrmVisibility, IReadOnlyCollection<Guid>, CancellationToken, Task<List<Guid>>> Visible)> All =>
    [
        ("account", "Account", async (v, ids, ct) => await (await v.AccountsAsync(ct)).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)),
        ("contact", "Contact", async (v, ids, ct) => await (await v.ContactsAsync(ct)).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)),
        ("lead", "Lead", async (v, ids, ct) => await (await v.LeadsAsync(ct)).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)),
        ("opportunity", "Opportunity", async (v, ids, ct) => await (await v.OpportunitiesAsync(ct)).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)),
        ("activity", "Activity", async (v, ids, ct) => await (await v.ActivitiesAsync(ct)).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)),
        ("note", "Note", async (v, ids, ct) => await (await v.NotesAsync(ct)).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)),
    ];
}

/// <summary>An enum filter from the query string, written as in JSON (camelCase) or in any case.</summary>
internal static class QueryEnum
{
    public static bool TryParse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(text, out _))
            return false;
        value = parsed;
        return true;
    }
}
