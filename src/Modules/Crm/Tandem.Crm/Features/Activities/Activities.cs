using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Leads;
using Tandem.Crm.Features.Security;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Activities;

public sealed record ActivityDto(
    Guid Id, ActivityKind Kind, string Subject, string? Details, DateOnly? DueDate, DateTimeOffset? RemindAt, bool Done, DateTimeOffset? DoneAt,
    Guid? LeadId, Guid? AccountId, Guid? ContactId, Guid? OpportunityId, Guid? AssigneeId, DateTimeOffset CreatedAt, long Version)
{
    internal static readonly Expression<Func<Activity, ActivityDto>> Projection = a => new ActivityDto(
        a.Id, a.Kind, a.Subject, a.Details, a.DueDate, a.RemindAt, a.Done, a.DoneAt, a.LeadId, a.AccountId, a.ContactId, a.OpportunityId,
        a.AssigneeId, a.CreatedAt, a.Version);

    internal static readonly Func<Activity, ActivityDto> FromRecord = Projection.Compile();
}

/// <summary>A call, email, meeting or task; <c>note</c> adds a note on the same records in the same transaction.</summary>
public sealed record ActivityInput(
    ActivityKind Kind, string Subject, string? Details = null, DateOnly? DueDate = null, DateTimeOffset? RemindAt = null, bool Done = false,
    Guid? LeadId = null, Guid? AccountId = null, Guid? ContactId = null, Guid? OpportunityId = null, Guid? AssigneeId = null, string? Note = null);

/// <summary>What is on the current user's plate: open activities due today, and those overdue.</summary>
public sealed record MyDayDto(DateOnly Today, IReadOnlyList<ActivityDto> Overdue, IReadOnlyList<ActivityDto> DueToday);

internal sealed class ActivitiesHandler(
    CrmDb db, CrmVisibility visibility, LeadScoring scoring, DbSession session, ISearchIndex search, ICurrentUser user, TimeProvider clock)
{
    internal static readonly SortMap<Activity> Sorts = new SortMap<Activity>("-createdAt")
        .Add("createdAt", a => a.CreatedAt);

    public async Task<Result<Page<ActivityDto>>> ListAsync(RecordLinks links, bool? done, PageRequest page, CancellationToken ct)
    {
        var query = await visibility.ActivitiesAsync(ct);
        if (links.LeadId is { } lead)
            query = query.Where(a => a.LeadId == lead);
        if (links.AccountId is { } account)
            query = query.Where(a => a.AccountId == account);
        if (links.ContactId is { } contact)
            query = query.Where(a => a.ContactId == contact);
        if (links.OpportunityId is { } opportunity)
            query = query.Where(a => a.OpportunityId == opportunity);
        if (done is { } isDone)
            query = query.Where(a => a.Done == isDone);
        return await query.ToPageAsync(page, Sorts, ActivityDto.Projection, ct);
    }

    public async Task<Result<ActivityDto>> LogAsync(ActivityInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("subject", input.Subject)
            .Optional("details", input.Details, 4000)
            .Optional("note", input.Note, 20000)
            .When(!Enum.IsDefined(input.Kind), "kind", "call, email, meeting or task.")
            .When(input.LeadId is null && input.AccountId is null && input.ContactId is null && input.OpportunityId is null, "links",
                "Link the activity to a lead, account, contact or opportunity.");
        if (errors.Any)
            return errors.ToError();
        var links = await ResolveAsync(new RecordLinks(input.LeadId, input.AccountId, input.ContactId, input.OpportunityId), ct);
        if (!links.IsSuccess)
            return links.Error!;
        var now = clock.GetUtcNow();
        await using var unit = await session.BeginAsync(ct);
        var activity = Activity.Log(input.Kind, input.Subject, input.Details, input.DueDate, input.RemindAt, input.Done, links.Value,
            input.AssigneeId ?? user.UserId, now);
        db.Activities.Add(activity);
        Note? note = null;
        if (!string.IsNullOrWhiteSpace(input.Note))
        {
            note = Note.Write(input.Note, links.Value, user.UserId, user.DisplayName, now);
            db.Notes.Add(note);
        }
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(activity), ct);
        if (note is not null)
            await search.IndexAsync(SearchDocuments.For(note), ct);
        if (activity.LeadId is { } leadId)
            await scoring.RescoreAsync(leadId, ct);
        await unit.CommitAsync(ct);
        return ActivityDto.FromRecord(activity);
    }

    public async Task<Result<ActivityDto>> MarkDoneAsync(Guid id, CancellationToken ct)
    {
        if (await CrmVisibility.TrackedAsync(await visibility.ActivitiesAsync(ct), id, ct) is not { } activity)
            return Error.NotFound("Activity");
        activity.MarkDone(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ActivityDto.FromRecord(activity);
    }

    public async Task<MyDayDto> MyDayAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var me = user.UserId;
        var open = db.Activities.AsNoTracking().Where(a => a.AssigneeId == me && !a.Done && a.DueDate != null && a.DueDate <= today);
        var due = await open.OrderBy(a => a.DueDate).ThenBy(a => a.CreatedAt).Take(500).Select(ActivityDto.Projection).ToListAsync(ct);
        return new MyDayDto(today, due.Where(a => a.DueDate < today).ToList(), due.Where(a => a.DueDate == today).ToList());
    }

    /// <summary>Checks each link is visible, and fills in the account of a contact or opportunity so the account's timeline shows it.</summary>
    internal async Task<Result<RecordLinks>> ResolveAsync(RecordLinks links, CancellationToken ct)
    {
        if (await visibility.UnseenLinkAsync(links, ct) is { } field)
            return Error.Validation(field, "No such record.");
        var account = links.AccountId;
        if (account is null && links.ContactId is { } contact)
            account = await db.Contacts.Where(c => c.Id == contact).Select(c => (Guid?)c.AccountId).SingleAsync(ct);
        if (account is null && links.OpportunityId is { } opportunity)
            account = await db.Opportunities.Where(o => o.Id == opportunity).Select(o => (Guid?)o.AccountId).SingleAsync(ct);
        return links with { AccountId = account };
    }
}

internal static class ActivitiesEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var activities = crm.MapGroup("/activities").WithTags("CRM activities");
        activities.MapGet("/", async (int? limit, string? after, string? sort, Guid? leadId, Guid? accountId, Guid? contactId, Guid? opportunityId, bool? done,
                    ActivitiesHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(new RecordLinks(leadId, accountId, contactId, opportunityId), done, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithName("ListActivities").WithSummary("List activities on records you may see, newest first");
        activities.MapPost("/", async (ActivityInput input, ActivitiesHandler handler, CancellationToken ct) =>
                (await handler.LogAsync(input, ct)).ToHttp(a => Results.Created($"/api/v1/crm/activities/{a.Id}", a)))
            .RequireAuthorization(CrmPermissions.Write).WithName("LogActivity").WithSummary("Log or plan a call, email, meeting or task, optionally with a note");
        activities.MapPost("/{id:guid}/done", async (Guid id, ActivitiesHandler handler, CancellationToken ct) => (await handler.MarkDoneAsync(id, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Write).WithName("CompleteActivity").WithSummary("Mark an activity done");
        crm.MapGet("/my-day", async (ActivitiesHandler handler, CancellationToken ct) => Results.Ok(await handler.MyDayAsync(ct)))
            .RequireAuthorization(CrmPermissions.Read).WithTags("CRM activities").WithName("MyDay").WithSummary("Your open activities due today and overdue");
    }
}
