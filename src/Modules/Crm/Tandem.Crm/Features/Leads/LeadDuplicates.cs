using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Parties.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Leads;

/// <summary>
/// A party or open lead that may be the same as a new lead, and why: <c>name</c> (the company), <c>email</c>,
/// <c>emailDomain</c>, <c>phone</c>, <c>taxId</c>. A lead the user may not see is reported without its name or link.
/// </summary>
public sealed record LeadDuplicate(string Type, Guid Id, string? Name, string? Email, IReadOnlyList<string> Reasons, string? Url);

/// <summary>
/// Looks for what a new lead may duplicate: parties in the master (through <see cref="IPartiesModule.FindDuplicatesAsync"/>)
/// and open leads with the same normalised company name, email, company email domain or phone, one index lookup per key.
/// </summary>
internal sealed class LeadDuplicates(CrmDb db, CrmVisibility visibility, IPartiesModule parties)
{
    public const int Limit = 10;

    public const string Code = "duplicate_suspected";

    public async Task<IReadOnlyList<LeadDuplicate>> FindAsync(LeadDetails details, Guid? excludeLeadId, CancellationToken ct)
    {
        var found = new List<LeadDuplicate>();
        var company = details.Company;
        var candidates = await parties.FindDuplicatesAsync(new DuplicateQuery(company, details.Email, details.Phone), ct);
        found.AddRange(candidates.Select(p => new LeadDuplicate("party", p.PartyId, p.Name, p.Email, p.Reasons, $"/parties/{p.PartyId}")));

        var reasons = new Dictionary<Guid, List<string>>();
        async Task AddAsync(IQueryable<Lead> matches, string reason)
        {
            var ids = await matches.Where(l => l.Status == LeadStatus.New || l.Status == LeadStatus.Working || l.Status == LeadStatus.Qualified)
                .Select(l => l.Id).Take(Limit).ToListAsync(ct);
            foreach (var id in ids.Where(id => id != excludeLeadId))
            {
                if (!reasons.TryGetValue(id, out var list))
                    reasons[id] = list = [];
                list.Add(reason);
            }
        }

        var leads = db.Leads.AsNoTracking();
        if (PartyMatching.Name(company) is { } name)
            await AddAsync(leads.Where(l => l.CompanyKey == name), "name");
        if (PartyMatching.Email(details.Email) is { } email)
            await AddAsync(leads.Where(l => l.Email == email), "email");
        if (PartyMatching.EmailDomain(details.Email) is { } domain)
            await AddAsync(leads.Where(l => l.EmailDomain == domain), "emailDomain");
        if (PartyMatching.Phone(details.Phone) is { } phone)
            await AddAsync(leads.Where(l => l.PhoneKey == phone), "phone");
        if (reasons.Count == 0)
            return found;

        var matched = reasons.Keys.ToList();
        var rows = await leads.Where(l => matched.Contains(l.Id)).Select(l => new { l.Id, l.Name, l.Email }).ToListAsync(ct);
        var visible = (await visibility.LeadsAsync(ct)).Where(l => matched.Contains(l.Id)).Select(l => l.Id);
        var seen = (await visible.ToListAsync(ct)).ToHashSet();
        found.AddRange(rows
            .Select(l => seen.Contains(l.Id)
                ? new LeadDuplicate("lead", l.Id, l.Name, l.Email, reasons[l.Id], $"/crm/leads/{l.Id}")
                : new LeadDuplicate("lead", l.Id, null, null, reasons[l.Id], null))
            .OrderByDescending(d => d.Reasons.Count).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Take(Limit));
        return found;
    }

    public static Error Suspected(IReadOnlyList<LeadDuplicate> duplicates) =>
        new(Code, "Parties or open leads that look like this lead exist; create it anyway or work the existing one.", ErrorKind.Conflict)
        {
            Data = new Dictionary<string, object?> { ["duplicates"] = duplicates },
        };
}
