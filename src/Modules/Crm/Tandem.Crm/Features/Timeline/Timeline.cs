using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Features.Security;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Timeline;

/// <summary>One interaction on an account's timeline: an activity, a note, an opportunity opened, or a stage change.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, Guid RecordId, string Title, string? Detail);

/// <summary>Every interaction with an account, newest first: what the account page shows.</summary>
internal sealed class TimelineQuery(CrmDb db, CrmVisibility visibility)
{
    public const int MaxEntries = 200;

    public async Task<Result<IReadOnlyList<TimelineEntry>>> HandleAsync(Guid accountId, CancellationToken ct) => await HandleAsync(accountId, MaxEntries, ct);

    public async Task<Result<IReadOnlyList<TimelineEntry>>> HandleAsync(Guid accountId, int limit, CancellationToken ct)
    {
        if (!await (await visibility.AccountsAsync(ct)).AnyAsync(a => a.Id == accountId, ct))
            return Error.NotFound("Account");
        return Result<IReadOnlyList<TimelineEntry>>.Success(await EntriesAsync(accountId, limit, ct));
    }

    /// <summary>The entries of an account the caller has already found visible.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> EntriesAsync(Guid accountId, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxEntries);
        var activities = await db.Activities.AsNoTracking().Where(a => a.AccountId == accountId).OrderByDescending(a => a.CreatedAt).Take(limit)
            .Select(a => new { a.CreatedAt, a.Kind, a.Id, a.Subject, a.Details }).ToListAsync(ct);
        var notes = await db.Notes.AsNoTracking().Where(n => n.AccountId == accountId).OrderByDescending(n => n.CreatedAt).Take(limit)
            .Select(n => new TimelineEntry(n.CreatedAt, "note", n.Id, n.AuthorName, n.Text)).ToListAsync(ct);
        var opportunities = await db.Opportunities.AsNoTracking().Where(o => o.AccountId == accountId).OrderByDescending(o => o.CreatedAt).Take(limit)
            .Select(o => new { o.Id, o.Name, o.CreatedAt }).ToListAsync(ct);
        var changes = await db.StageChanges.AsNoTracking()
            .Join(db.Opportunities.Where(o => o.AccountId == accountId), c => c.OpportunityId, o => o.Id, (c, o) => new { c.At, o.Id, o.Name, c.ToStageName, c.FromStageId })
            .Where(c => c.FromStageId != null)
            .OrderByDescending(c => c.At).Take(limit).ToListAsync(ct);
        IReadOnlyList<TimelineEntry> entries =
        [
            .. activities.Select(a => new TimelineEntry(a.CreatedAt, a.Kind.ToString().ToLowerInvariant(), a.Id, a.Subject, a.Details)),
            .. notes,
            .. opportunities.Select(o => new TimelineEntry(o.CreatedAt, "opportunity", o.Id, o.Name, "Opportunity opened")),
            .. changes.Select(c => new TimelineEntry(c.At, "stage_change", c.Id, c.Name, $"Moved to {c.ToStageName}")),
        ];
        return entries.OrderByDescending(e => e.At).Take(limit).ToList();
    }
}

internal static class TimelineEndpoint
{
    public static void Map(IEndpointRouteBuilder crm) =>
        crm.MapGet("/accounts/{id:guid}/timeline", async (Guid id, TimelineQuery query, CancellationToken ct) => (await query.HandleAsync(id, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithTags("CRM accounts").WithName("AccountTimeline")
            .WithSummary("Every interaction with the account, newest first");
}
