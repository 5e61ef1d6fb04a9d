using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Pipelines;
using Tandem.Crm.Features.Security;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Opportunities;

public sealed record OpportunityDto(
    Guid Id, string Name, Guid AccountId, Guid? ContactId, Guid PipelineId, Guid StageId, StageKind StageKind, int Probability,
    Money Amount, Money WeightedAmount, DateOnly ExpectedCloseDate, IReadOnlyList<Guid> ProductIds, string? LossReason, Guid? LeadId,
    Guid? OwnerId, Guid? TeamId, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, long Version)
{
    public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = new Dictionary<string, JsonElement>();

    internal static readonly Expression<Func<Opportunity, OpportunityDto>> Projection = o => new OpportunityDto(
        o.Id, o.Name, o.AccountId, o.ContactId, o.PipelineId, o.StageId, o.StageKind, o.Probability, o.Amount, o.WeightedAmount,
        o.ExpectedCloseDate, o.ProductIds, o.LossReason, o.LeadId, o.OwnerId, o.TeamId, o.CreatedAt, o.ClosedAt, o.Version)
    {
        CustomFields = CustomFieldValues.Read(o.CustomFields),
    };

    internal static readonly Func<Opportunity, OpportunityDto> FromRecord = Projection.Compile();
}

public sealed record StageChangeDto(Guid? FromStageId, Guid ToStageId, string ToStageName, DateTimeOffset At);

public sealed record OpportunityDetailDto(OpportunityDto Opportunity, IReadOnlyList<StageChangeDto> History);

public sealed record OpportunityInput(
    string Name, Guid AccountId, Money Amount, DateOnly ExpectedCloseDate, Guid? ContactId = null, Guid? PipelineId = null, Guid? StageId = null,
    IReadOnlyList<Guid>? ProductIds = null, Guid? OwnerId = null, IReadOnlyDictionary<string, JsonElement>? CustomFields = null);

public sealed record OpportunityChange(
    string Name, Money Amount, DateOnly ExpectedCloseDate, IReadOnlyList<Guid>? ProductIds = null, Guid? OwnerId = null,
    IReadOnlyDictionary<string, JsonElement>? CustomFields = null);

public sealed record MoveInput(Guid StageId);

public sealed record LoseInput(string Reason);

public sealed record OpportunityFilter(string? Name = null, Guid? OwnerId = null, Guid? PipelineId = null, Guid? StageId = null, Guid? AccountId = null, bool? Open = null)
{
    /// <summary><c>cf.key=value</c> pairs from the query string.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> CustomFields { get; init; } = [];
}

/// <summary>One column of the pipeline board: a stage with its first cards and the cursor to the rest.</summary>
public sealed record BoardColumn(StageDto Stage, IReadOnlyList<OpportunityDto> Cards, string? NextCursor);

internal sealed class OpportunitiesHandler(
    CrmDb db, CrmVisibility visibility, PipelinesHandler pipelines, ICatalogModule catalog, DbSession session, ISearchIndex search,
    IOutbox outbox, CustomFieldService customFields, ICurrentUser user, TimeProvider clock)
{
    internal static readonly SortMap<Opportunity> Sorts = new SortMap<Opportunity>("expectedCloseDate")
        .Add("expectedCloseDate", o => o.ExpectedCloseDate)
        .Add("name", o => o.Name)
        .Add("createdAt", o => o.CreatedAt)
        .Add("amount", o => o.Amount.Amount);

    public async Task<Result<Page<OpportunityDto>>> ListAsync(OpportunityFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        return query.IsSuccess ? await query.Value.ToPageAsync(page, Sorts, OpportunityDto.Projection, ct) : query.Error!;
    }

    /// <summary>Every opportunity the filter keeps, by close date, as CSV with one column per custom field.</summary>
    public async Task<Result<Func<Stream, Task>>> ExportAsync(OpportunityFilter filter, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        if (!query.IsSuccess)
            return query.Error!;
        var fields = await customFields.DefinitionsAsync(CustomFieldRecordTypes.Opportunity, ct);
        return Csv.Export(
            new[] { "name", "accountId", "amount", "currency", "stageKind", "probability", "expectedCloseDate", "ownerId", "createdAt" }
                .Concat(CustomFieldColumns.Headers(fields)),
            query.Value.OrderBy(o => o.ExpectedCloseDate).ThenBy(o => o.Id).Select(OpportunityDto.Projection).AsAsyncEnumerable(),
            o => new string?[]
            {
                o.Name, o.AccountId.ToString(), o.Amount.Amount.ToString("0.00##", CultureInfo.InvariantCulture), o.Amount.Currency.ToString(),
                o.StageKind.ToString().ToLowerInvariant(), o.Probability.ToString(CultureInfo.InvariantCulture),
                o.ExpectedCloseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.OwnerId?.ToString(),
                o.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }.Concat(CustomFieldColumns.Cells(fields, o.CustomFields)),
            ct);
    }

    private async Task<Result<IQueryable<Opportunity>>> FilterAsync(OpportunityFilter filter, CancellationToken ct)
    {
        var query = await visibility.OpportunitiesAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var prefix = filter.Name.Trim();
            query = query.Where(o => o.Name.StartsWith(prefix));
        }
        if (filter.OwnerId is { } owner)
            query = query.Where(o => o.OwnerId == owner);
        if (filter.PipelineId is { } pipeline)
            query = query.Where(o => o.PipelineId == pipeline);
        if (filter.StageId is { } stage)
            query = query.Where(o => o.StageId == stage);
        if (filter.AccountId is { } account)
            query = query.Where(o => o.AccountId == account);
        if (filter.Open is { } open)
            query = open ? query.Where(o => o.StageKind == StageKind.Open) : query.Where(o => o.StageKind != StageKind.Open);
        var custom = await customFields.FiltersAsync(CustomFieldRecordTypes.Opportunity, filter.CustomFields, ct);
        if (!custom.IsSuccess)
            return custom.Error!;
        return Result<IQueryable<Opportunity>>.Success(query.WhereCustomFields(o => o.CustomFields, custom.Value, session.Provider));
    }

    /// <summary>The board: each stage's first page, each an index seek on (company, stage, close date).</summary>
    public async Task<Result<IReadOnlyList<BoardColumn>>> BoardAsync(Guid? pipelineId, int perColumn, CancellationToken ct)
    {
        var pipeline = pipelineId is { } id
            ? await db.Pipelines.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct)
            : await pipelines.DefaultAsync(ct);
        if (pipeline is null)
            return Error.Validation("pipelineId", "No such pipeline.");
        var columns = new List<BoardColumn>();
        foreach (var stage in pipeline.Stages.OrderBy(s => s.Order))
        {
            var page = await ListAsync(new OpportunityFilter(StageId: stage.Id), new PageRequest(perColumn), ct);
            if (!page.IsSuccess)
                return page.Error!;
            columns.Add(new BoardColumn(new StageDto(stage.Id, stage.Name, stage.Order, stage.Probability, stage.Kind), page.Value.Items, page.Value.NextCursor));
        }
        return columns;
    }

    public async Task<Result<OpportunityDetailDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var opportunity = await (await visibility.OpportunitiesAsync(ct)).Where(o => o.Id == id).Select(OpportunityDto.Projection).SingleOrDefaultAsync(ct);
        if (opportunity is null)
            return Error.NotFound("Opportunity");
        var history = await db.StageChanges.AsNoTracking().Where(c => c.OpportunityId == id).OrderBy(c => c.At)
            .Select(c => new StageChangeDto(c.FromStageId, c.ToStageId, c.ToStageName, c.At)).ToListAsync(ct);
        return new OpportunityDetailDto(opportunity, history);
    }

    public async Task<Result<OpportunityDto>> CreateAsync(OpportunityInput input, CancellationToken ct)
    {
        if (await ValidateAsync(input.Name, input.Amount, input.ProductIds, ct) is { } invalid)
            return invalid;
        if (!await (await visibility.AccountsAsync(ct)).AnyAsync(a => a.Id == input.AccountId, ct))
            return Error.Validation("accountId", "No such account.");
        if (input.ContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.AccountId == input.AccountId, ct))
            return Error.Validation("contactId", "No such contact at the account.");
        var pipeline = input.PipelineId is { } pipelineId
            ? await db.Pipelines.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pipelineId, ct)
            : await pipelines.DefaultAsync(ct);
        if (pipeline is null)
            return Error.Validation("pipelineId", "No such pipeline.");
        PipelineStage stage;
        if (input.StageId is { } stageId)
        {
            if (pipeline.Stages.SingleOrDefault(s => s.Id == stageId) is not { } chosen)
                return new Error("unknown_stage", "The stage is not a stage of the pipeline.", ErrorKind.Validation) { Fields = Field("stageId", "Not a stage of the pipeline.") };
            stage = chosen;
        }
        else
        {
            stage = pipeline.FirstOpenStage;
        }
        var values = await customFields.ValidateAsync(CustomFieldRecordTypes.Opportunity, input.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;
        await using var unit = await session.BeginAsync(ct);
        var opportunity = await OpenAsync(input.Name, input.AccountId, input.ContactId, stage, input.Amount, input.ExpectedCloseDate, input.ProductIds ?? [], null,
            input.OwnerId ?? user.UserId, values.Value, ct);
        await unit.CommitAsync(ct);
        return OpportunityDto.FromRecord(opportunity);
    }

    /// <summary>Opens an opportunity inside the caller's unit of work (lead conversion uses it too).</summary>
    internal async Task<Opportunity> OpenAsync(string name, Guid accountId, Guid? contactId, PipelineStage stage, Money amount, DateOnly close,
        IReadOnlyList<Guid> products, Guid? leadId, Guid? ownerId, string? customFieldValues, CancellationToken ct)
    {
        var opportunity = Opportunity.Open(name, accountId, contactId, stage, amount, close, products, leadId, ownerId,
            await visibility.TeamOfAsync(ownerId, ct), clock.GetUtcNow());
        opportunity.SetCustomFields(customFieldValues);
        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(opportunity), ct);
        return opportunity;
    }

    public async Task<Result<OpportunityDto>> UpdateAsync(Guid id, OpportunityChange input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var opportunity = await LoadAsync(id, ct);
        if (opportunity is null)
            return Error.NotFound("Opportunity");
        if (checkVersion(opportunity.Version) is { } stale)
            return stale;
        if (await ValidateAsync(input.Name, input.Amount, input.ProductIds, ct) is { } invalid)
            return invalid;
        var values = await customFields.ValidateChangeAsync(CustomFieldRecordTypes.Opportunity, input.CustomFields, opportunity.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;
        await using var unit = await session.BeginAsync(ct);
        var owner = input.OwnerId ?? opportunity.OwnerId;
        var team = owner == opportunity.OwnerId ? opportunity.TeamId : await visibility.TeamOfAsync(owner, ct);
        opportunity.Change(input.Name, input.Amount, input.ExpectedCloseDate, input.ProductIds ?? [], owner, team);
        opportunity.SetCustomFields(values.Value);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(opportunity), ct);
        await unit.CommitAsync(ct);
        return OpportunityDto.FromRecord(opportunity);
    }

    public Task<Result<OpportunityDto>> MoveAsync(Guid id, MoveInput input, CancellationToken ct) =>
        TransitionAsync(id, async (opportunity, stages) =>
        {
            if (stages.SingleOrDefault(s => s.Id == input.StageId) is not { } stage)
                return new Error("unknown_stage", "The stage is not a stage of the opportunity's pipeline.", ErrorKind.Validation) { Fields = Field("stageId", "Not a stage of the pipeline.") };
            opportunity.MoveTo(stage, clock.GetUtcNow());
            return null;
        }, ct);

    public Task<Result<OpportunityDto>> WinAsync(Guid id, CancellationToken ct) =>
        TransitionAsync(id, (opportunity, stages) =>
        {
            opportunity.Win(stages.Single(s => s.Kind == StageKind.Won), clock.GetUtcNow());
            outbox.Publish(new OpportunityWon(opportunity.CompanyId, opportunity.Id, opportunity.AccountId, opportunity.Amount));
            return Task.FromResult<Error?>(null);
        }, ct);

    public Task<Result<OpportunityDto>> LoseAsync(Guid id, LoseInput input, CancellationToken ct) =>
        TransitionAsync(id, (opportunity, stages) =>
        {
            if (input.Reason is { Length: > 400 })
                return Task.FromResult<Error?>(Error.Validation("reason", "At most 400 characters."));
            opportunity.Lose(stages.Single(s => s.Kind == StageKind.Lost), input.Reason ?? "", clock.GetUtcNow());
            return Task.FromResult<Error?>(null);
        }, ct);

    private async Task<Result<OpportunityDto>> TransitionAsync(Guid id, Func<Opportunity, IReadOnlyList<PipelineStage>, Task<Error?>> change, CancellationToken ct)
    {
        var opportunity = await LoadAsync(id, ct);
        if (opportunity is null)
            return Error.NotFound("Opportunity");
        var stages = await db.Stages.AsNoTracking().Where(s => s.PipelineId == opportunity.PipelineId).ToListAsync(ct);
        await using var unit = await session.BeginAsync(ct);
        try
        {
            if (await change(opportunity, stages) is { } refused)
                return refused;
        }
        catch (BusinessRuleException rule)
        {
            return rule.Error;
        }
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(opportunity), ct);
        await unit.CommitAsync(ct);
        return OpportunityDto.FromRecord(opportunity);
    }

    private async Task<Opportunity?> LoadAsync(Guid id, CancellationToken ct) =>
        await CrmVisibility.TrackedAsync(await visibility.OpportunitiesAsync(ct), id, ct);

    private async Task<Error?> ValidateAsync(string? name, Money amount, IReadOnlyList<Guid>? productIds, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("name", name)
            .When(amount.Amount < 0, "amount.amount", "Cannot be negative.")
            .When(amount.Amount > 1_000_000_000_000m, "amount.amount", "Too large.")
            .When(decimal.Round(amount.Amount, 4) != amount.Amount, "amount.amount", "At most 4 decimals.")
            .When((productIds?.Count ?? 0) > 50, "productIds", "At most 50 products.");
        if (errors.Any)
        {
            var error = errors.ToError();
            return amount.Amount < 0 ? error with { Code = "negative_amount" } : error;
        }
        foreach (var productId in (productIds ?? []).Distinct())
        {
            if (await catalog.FindAsync(productId, ct) is null)
                return Error.Validation("productIds", $"{productId} is not a product.");
        }
        return null;
    }

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };
}

internal static class OpportunitiesEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var opportunities = crm.MapGroup("/opportunities").WithTags("CRM opportunities");
        opportunities.MapGet("/", async (int? limit, string? after, string? sort, string? name, Guid? ownerId, Guid? pipelineId, Guid? stageId, Guid? accountId, bool? open,
                    string? format, HttpContext http, OpportunitiesHandler handler, CancellationToken ct) =>
            {
                var filter = new OpportunityFilter(name, ownerId, pipelineId, stageId, accountId, open) { CustomFields = CustomFieldColumns.Filters(http.Request.Query) };
                return await ListFormat.RespondAsync(format, "opportunities.csv",
                    () => handler.ListAsync(filter, new PageRequest(limit, after, sort), ct), () => handler.ExportAsync(filter, ct));
            })
            .RequireAuthorization(CrmPermissions.Read).WithName("ListOpportunities")
            .WithSummary("List the opportunities you may see (keyset); filter by cf.<key>; ?format=csv exports every match");
        opportunities.MapGet("/board", async (Guid? pipelineId, int? perColumn, OpportunitiesHandler handler, CancellationToken ct) =>
                perColumn is < 1 or > 100
                    ? Problems.From(Error.Validation("perColumn", "Between 1 and 100."))
                    : (await handler.BoardAsync(pipelineId, perColumn ?? 20, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithName("PipelineBoard").WithSummary("The pipeline board: each stage's first cards");
        opportunities.MapGet("/{id:guid}", async (Guid id, OpportunitiesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, o => o.Opportunity.Version))
            .RequireAuthorization(CrmPermissions.Read).WithName("GetOpportunity").WithSummary("Read one opportunity with its stage history");
        opportunities.MapPost("/", async (OpportunityInput input, OpportunitiesHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(o => Results.Created($"/api/v1/crm/opportunities/{o.Id}", o)))
            .RequireAuthorization(CrmPermissions.Write).WithName("CreateOpportunity").WithSummary("Open an opportunity on an account");
        opportunities.MapPut("/{id:guid}", async (Guid id, OpportunityChange input, OpportunitiesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, o => o.Version))
            .RequireAuthorization(CrmPermissions.Write).WithName("UpdateOpportunity").WithSummary("Change name, amount, close date, products, owner; send If-Match");
        opportunities.MapPost("/{id:guid}/move", async (Guid id, MoveInput input, OpportunitiesHandler handler, CancellationToken ct) =>
                (await handler.MoveAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Write).WithName("MoveOpportunity").WithSummary("Move to another open stage; recorded in the stage history");
        opportunities.MapPost("/{id:guid}/win", async (Guid id, OpportunitiesHandler handler, CancellationToken ct) =>
                (await handler.WinAsync(id, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Write).WithName("WinOpportunity").WithSummary("Mark the opportunity won");
        opportunities.MapPost("/{id:guid}/lose", async (Guid id, LoseInput input, OpportunitiesHandler handler, CancellationToken ct) =>
                (await handler.LoseAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Write).WithName("LoseOpportunity").WithSummary("Mark the opportunity lost, with the reason");
    }
}
