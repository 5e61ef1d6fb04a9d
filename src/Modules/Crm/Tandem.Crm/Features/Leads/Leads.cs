using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Leads;

public sealed record LeadDto(
    Guid Id, string Name, string? Company, string? Email, string? Phone, string? JobTitle, string? Source, string? Industry, string? Country,
    LeadStatus Status, string? DisqualificationReason, int Score, Guid? OwnerId, Guid? TeamId, Guid? AccountId, Guid? ContactId,
    Guid? OpportunityId, DateTimeOffset CreatedAt, DateTimeOffset? ConvertedAt, long Version)
{
    public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>On create: parties and open leads that may be the same (a warning; nothing was refused).</summary>
    public IReadOnlyList<LeadDuplicate> Duplicates { get; init; } = [];

    internal static readonly Expression<Func<Lead, LeadDto>> Projection = l => new LeadDto(
        l.Id, l.Name, l.Company, l.Email, l.Phone, l.JobTitle, l.Source, l.Industry, l.Country, l.Status, l.DisqualificationReason, l.Score,
        l.OwnerId, l.TeamId, l.AccountId, l.ContactId, l.OpportunityId, l.CreatedAt, l.ConvertedAt, l.Version)
    {
        CustomFields = CustomFieldValues.Read(l.CustomFields),
    };

    internal static readonly Func<Lead, LeadDto> FromRecord = Projection.Compile();
}

public sealed record LeadInput(
    string Name, string? Company = null, string? Email = null, string? Phone = null, string? JobTitle = null, string? Source = null,
    string? Industry = null, string? Country = null, Guid? OwnerId = null, IReadOnlyDictionary<string, JsonElement>? CustomFields = null)
{
    internal LeadDetails ToDetails() => new(Name ?? "", Company, Email, Phone, JobTitle, Source, Industry, Country);
}

public sealed record LeadStatusInput(LeadStatus Status, string? Reason = null);

public sealed record LeadFilter(string? Name = null, LeadStatus? Status = null, Guid? OwnerId = null, bool? Unassigned = null)
{
    /// <summary><c>cf.key=value</c> pairs from the query string.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> CustomFields { get; init; } = [];
}

internal sealed class LeadsHandler(
    CrmDb db, CrmVisibility visibility, LeadScoring scoring, LeadAssignment assignment, DbSession session, ISearchIndex search,
    CustomFieldService customFields, LeadDuplicates duplicates, ICurrentUser user, TimeProvider clock)
{
    internal static readonly SortMap<Lead> Sorts = new SortMap<Lead>("-createdAt")
        .Add("createdAt", l => l.CreatedAt)
        .Add("name", l => l.Name)
        .Add("score", l => l.Score);

    public async Task<Result<Page<LeadDto>>> ListAsync(LeadFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        return query.IsSuccess ? await query.Value.ToPageAsync(page, Sorts, LeadDto.Projection, ct) : query.Error!;
    }

    /// <summary>Every lead the filter keeps, newest first, as CSV with one column per custom field.</summary>
    public async Task<Result<Func<Stream, Task>>> ExportAsync(LeadFilter filter, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        if (!query.IsSuccess)
            return query.Error!;
        var fields = await customFields.DefinitionsAsync(CustomFieldRecordTypes.Lead, ct);
        return Csv.Export(
            new[] { "name", "company", "email", "phone", "jobTitle", "source", "industry", "country", "status", "score", "createdAt" }
                .Concat(CustomFieldColumns.Headers(fields)),
            query.Value.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Select(LeadDto.Projection).AsAsyncEnumerable(),
            l => new[]
            {
                l.Name, l.Company, l.Email, l.Phone, l.JobTitle, l.Source, l.Industry, l.Country, l.Status.ToString().ToLowerInvariant(),
                l.Score.ToString(CultureInfo.InvariantCulture), l.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }.Concat(CustomFieldColumns.Cells(fields, l.CustomFields)),
            ct);
    }

    private async Task<Result<IQueryable<Lead>>> FilterAsync(LeadFilter filter, CancellationToken ct)
    {
        var query = await visibility.LeadsAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var prefix = filter.Name.Trim();
            query = query.Where(l => l.Name.StartsWith(prefix));
        }
        if (filter.Status is { } status)
            query = query.Where(l => l.Status == status);
        if (filter.OwnerId is { } owner)
            query = query.Where(l => l.OwnerId == owner);
        if (filter.Unassigned == true)
            query = query.Where(l => l.OwnerId == null);
        var custom = await customFields.FiltersAsync(CustomFieldRecordTypes.Lead, filter.CustomFields, ct);
        if (!custom.IsSuccess)
            return custom.Error!;
        return Result<IQueryable<Lead>>.Success(query.WhereCustomFields(l => l.CustomFields, custom.Value, session.Provider));
    }

    public async Task<Result<LeadDto>> GetAsync(Guid id, CancellationToken ct) =>
        await (await visibility.LeadsAsync(ct)).Where(l => l.Id == id).Select(LeadDto.Projection).SingleOrDefaultAsync(ct) is { } lead
            ? lead
            : Error.NotFound("Lead");

    public Task<Result<LeadDto>> CreateAsync(LeadInput input, CancellationToken ct) => CreateAsync(input, false, ct);

    /// <summary>Captures a lead; suspected duplicates come back with it, or refuse it when <paramref name="rejectDuplicates"/>.</summary>
    public async Task<Result<LeadDto>> CreateAsync(LeadInput input, bool rejectDuplicates, CancellationToken ct)
    {
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        var values = await customFields.ValidateAsync(CustomFieldRecordTypes.Lead, input.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;
        var suspects = await duplicates.FindAsync(details, null, ct);
        if (rejectDuplicates && suspects.Count > 0)
            return LeadDuplicates.Suspected(suspects);
        await using var unit = await session.BeginAsync(ct);
        var owner = input.OwnerId ?? user.UserId;
        var lead = await CaptureAsync(details, values.Value, owner, await visibility.TeamOfAsync(owner, ct), ct);
        await unit.CommitAsync(ct);
        return LeadDto.FromRecord(lead) with { Duplicates = suspects };
    }

    /// <summary>Adds a scored lead inside the caller's unit of work; with no owner, the assignment rules pick one.</summary>
    internal async Task<Lead> CaptureAsync(LeadDetails details, string? customFieldValues, Guid? ownerId, Guid? teamId, CancellationToken ct)
    {
        if (ownerId is null && await assignment.AssignAsync(details.Country, ct) is { } assigned)
            (ownerId, teamId) = (assigned.OwnerId, assigned.TeamId);
        var lead = Lead.Capture(details, ownerId, teamId, clock.GetUtcNow());
        lead.SetCustomFields(customFieldValues);
        await scoring.RescoreAsync(lead, ct);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(lead), ct);
        return lead;
    }

    public async Task<Result<LeadDto>> UpdateAsync(Guid id, LeadInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var lead = await LoadAsync(id, ct);
        if (lead is null)
            return Error.NotFound("Lead");
        if (checkVersion(lead.Version) is { } stale)
            return stale;
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        var values = await customFields.ValidateChangeAsync(CustomFieldRecordTypes.Lead, input.CustomFields, lead.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;
        await using var unit = await session.BeginAsync(ct);
        try
        {
            lead.Change(details);
            lead.SetCustomFields(values.Value);
        }
        catch (BusinessRuleException rule)
        {
            return rule.Error;
        }
        if (input.OwnerId is { } owner && owner != lead.OwnerId)
            lead.Assign(owner, await visibility.TeamOfAsync(owner, ct));
        await scoring.RescoreAsync(lead, ct);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(lead), ct);
        await unit.CommitAsync(ct);
        return LeadDto.FromRecord(lead);
    }

    public async Task<Result<LeadDto>> ChangeStatusAsync(Guid id, LeadStatusInput input, CancellationToken ct)
    {
        var lead = await LoadAsync(id, ct);
        if (lead is null)
            return Error.NotFound("Lead");
        if (!Enum.IsDefined(input.Status))
            return Error.Validation("status", "new, working, qualified or disqualified.");
        if (input.Reason is { Length: > 400 })
            return Error.Validation("reason", "At most 400 characters.");
        await using var unit = await session.BeginAsync(ct);
        try
        {
            lead.ChangeStatus(input.Status, input.Reason);
        }
        catch (BusinessRuleException rule)
        {
            return rule.Error;
        }
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(lead), ct);
        await unit.CommitAsync(ct);
        return LeadDto.FromRecord(lead);
    }

    internal async Task<Lead?> LoadAsync(Guid id, CancellationToken ct) =>
        await CrmVisibility.TrackedAsync(await visibility.LeadsAsync(ct), id, ct);
}

internal static class LeadsEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var leads = crm.MapGroup("/leads").WithTags("CRM leads");
        leads.MapGet("/", async (int? limit, string? after, string? sort, string? name, string? status, Guid? ownerId, bool? unassigned, string? format,
                    HttpContext http, LeadsHandler handler, CancellationToken ct) =>
            {
                if (!QueryEnum.TryParse<LeadStatus>(status, out var parsed))
                    return Problems.From(Error.Validation("status", "new, working, qualified, disqualified or converted."));
                var filter = new LeadFilter(name, parsed, ownerId, unassigned) { CustomFields = CustomFieldColumns.Filters(http.Request.Query) };
                return await ListFormat.RespondAsync(format, "leads.csv",
                    () => handler.ListAsync(filter, new PageRequest(limit, after, sort), ct), () => handler.ExportAsync(filter, ct));
            })
            .RequireAuthorization(CrmPermissions.Read).WithName("ListLeads")
            .WithSummary("The lead inbox: leads you may see (keyset; sort by createdAt, name or score); filter by cf.<key>; ?format=csv exports every match");
        leads.MapGet("/{id:guid}", async (Guid id, LeadsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, l => l.Version))
            .RequireAuthorization(CrmPermissions.Read).WithName("GetLead").WithSummary("Read one lead");
        leads.MapPost("/", async (LeadInput input, string? onDuplicate, LeadsHandler handler, CancellationToken ct) =>
                onDuplicate is not (null or "warn" or "reject")
                    ? Problems.From(Error.Validation("onDuplicate", "warn or reject."))
                    : (await handler.CreateAsync(input, onDuplicate == "reject", ct)).ToHttp(l => Results.Created($"/api/v1/crm/leads/{l.Id}", l)))
            .RequireAuthorization(CrmPermissions.Write).WithName("CreateLead")
            .WithSummary("Capture a lead; you own it unless ownerId says otherwise. Possible duplicates come back in duplicates, or refuse with ?onDuplicate=reject");
        leads.MapPut("/{id:guid}", async (Guid id, LeadInput input, LeadsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, l => l.Version))
            .RequireAuthorization(CrmPermissions.Write).WithName("UpdateLead").WithSummary("Change a lead; send If-Match");
        leads.MapPost("/{id:guid}/status", async (Guid id, LeadStatusInput input, LeadsHandler handler, CancellationToken ct) =>
                (await handler.ChangeStatusAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Write).WithName("ChangeLeadStatus").WithSummary("Work, qualify or disqualify (with a reason) a lead");
    }
}
