using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;

namespace Tandem.Parties.Features.FindDuplicates;

/// <summary>
/// Finds parties that may be the same as a description: one indexed lookup per normalised key
/// (name, exact email, company email domain, phone digits, tax id), then the live parties among the hits.
/// </summary>
internal sealed class DuplicateFinder(PartiesDb db)
{
    public const int Limit = 10;

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(DuplicateQuery query, CancellationToken ct)
    {
        var reasons = new Dictionary<Guid, List<string>>();
        void Add(IEnumerable<Guid> ids, string reason)
        {
            foreach (var id in ids)
            {
                if (!reasons.TryGetValue(id, out var list))
                    reasons[id] = list = [];
                list.Add(reason);
            }
        }

        if (PartyMatching.Name(query.Name) is { } name)
            Add(await db.Parties.Where(p => p.NormalizedName == name && p.MergedIntoId == null).Select(p => p.Id).Take(Limit).ToListAsync(ct), "name");
        if (PartyMatching.Email(query.Email) is { } email)
            Add(await PartiesWithContact(ContactPointKind.Email, email, ct), "email");
        if (PartyMatching.EmailDomain(query.Email) is { } domain)
            Add(await db.ContactPoints.Where(c => c.EmailDomain == domain).Select(c => c.PartyId).Distinct().Take(Limit).ToListAsync(ct), "emailDomain");
        if (PartyMatching.Phone(query.Phone) is { } phone)
            Add(await PartiesWithContact(ContactPointKind.Phone, phone, ct), "phone");
        if (PartyMatching.TaxId(query.TaxId) is { } taxId)
            Add(await db.TaxIds.Where(t => t.MatchKey == taxId).Select(t => t.PartyId).Distinct().Take(Limit).ToListAsync(ct), "taxId");
        if (query.ExcludePartyId is { } excluded)
            reasons.Remove(excluded);
        if (reasons.Count == 0)
            return [];

        var ids = reasons.Keys.ToList();
        var parties = await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id) && p.MergedIntoId == null)
            .Select(p => new { p.Id, p.Number, p.Name, p.Kind, p.Email })
            .ToListAsync(ct);
        return parties
            .Select(p => new DuplicateCandidate(p.Id, p.Number, p.Name, p.Kind, p.Email, reasons[p.Id]))
            .OrderByDescending(c => c.Reasons.Count).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(Limit)
            .ToList();
    }

    private Task<List<Guid>> PartiesWithContact(ContactPointKind kind, string key, CancellationToken ct) =>
        db.ContactPoints.Where(c => c.MatchKey == key && c.Kind == kind).Select(c => c.PartyId).Distinct().Take(Limit).ToListAsync(ct);
}

internal static class FindDuplicatesEndpoint
{
    public static void Map(IEndpointRouteBuilder parties) =>
        parties.MapGet("/duplicates", async (string? name, string? email, string? phone, string? taxId, Guid? exclude, DuplicateFinder finder, CancellationToken ct) =>
                Results.Ok(await finder.FindAsync(new DuplicateQuery(name, email, phone, taxId) { ExcludePartyId = exclude }, ct)))
            .RequireAuthorization(PartiesPermissions.Read)
            .WithName("FindDuplicateParties")
            .WithSummary("Parties that may be the same as the one described, with the reasons they matched");
}
