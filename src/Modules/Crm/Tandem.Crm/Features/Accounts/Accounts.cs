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
using Tandem.Parties.Contracts;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Accounts;

public sealed record AccountDto(
    Guid Id, Guid PartyId, string Name, string? Industry, string? Segment, LifecycleStage LifecycleStage, Guid? ParentAccountId,
    Guid? OwnerId, Guid? TeamId, DateTimeOffset CreatedAt, long Version)
{
    public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = new Dictionary<string, JsonElement>();

    internal static readonly Expression<Func<Account, AccountDto>> Projection = a => new AccountDto(
        a.Id, a.PartyId, a.Name, a.Industry, a.Segment, a.LifecycleStage, a.ParentAccountId, a.OwnerId, a.TeamId, a.CreatedAt, a.Version)
    {
        CustomFields = CustomFieldValues.Read(a.CustomFields),
    };

    internal static readonly Func<Account, AccountDto> FromRecord = Projection.Compile();
}

/// <summary>Create: give <c>partyId</c> to link an organisation already in the master, or <c>name</c> (and email, phone) to register one.</summary>
public sealed record AccountInput(
    string? Name = null, Guid? PartyId = null, string? Email = null, string? Phone = null, string? Industry = null, string? Segment = null,
    LifecycleStage LifecycleStage = LifecycleStage.Prospect, Guid? ParentAccountId = null, Guid? OwnerId = null,
    IReadOnlyDictionary<string, JsonElement>? CustomFields = null)
{
    internal AccountDetails ToDetails() => new(Industry, Segment, LifecycleStage, ParentAccountId);
}

public sealed record AccountFilter(string? Name = null, Guid? OwnerId = null, string? Industry = null, string? Segment = null, LifecycleStage? LifecycleStage = null)
{
    /// <summary><c>cf.key=value</c> pairs from the query string.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> CustomFields { get; init; } = [];
}

internal sealed class AccountsHandler(
    CrmDb db, CrmVisibility visibility, IPartiesModule parties, DbSession session, ISearchIndex search, CustomFieldService customFields,
    ICurrentUser user, TimeProvider clock)
{
    internal static readonly SortMap<Account> Sorts = new SortMap<Account>("name")
        .Add("name", a => a.Name)
        .Add("createdAt", a => a.CreatedAt);

    public async Task<Result<Page<AccountDto>>> ListAsync(AccountFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        return query.IsSuccess ? await query.Value.ToPageAsync(page, Sorts, AccountDto.Projection, ct) : query.Error!;
    }

    /// <summary>Every account the filter keeps, by name, as CSV with one column per custom field.</summary>
    public async Task<Result<Func<Stream, Task>>> ExportAsync(AccountFilter filter, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        if (!query.IsSuccess)
            return query.Error!;
        var fields = await customFields.DefinitionsAsync(CustomFieldRecordTypes.Account, ct);
        return Csv.Export(
            new[] { "name", "industry", "segment", "lifecycleStage", "ownerId", "createdAt" }.Concat(CustomFieldColumns.Headers(fields)),
            query.Value.OrderBy(a => a.Name).ThenBy(a => a.Id).Select(AccountDto.Projection).AsAsyncEnumerable(),
            a => new string?[]
            {
                a.Name, a.Industry, a.Segment, a.LifecycleStage.ToString().ToLowerInvariant(), a.OwnerId?.ToString(),
                a.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }.Concat(CustomFieldColumns.Cells(fields, a.CustomFields)),
            ct);
    }

    private async Task<Result<IQueryable<Account>>> FilterAsync(AccountFilter filter, CancellationToken ct)
    {
        var query = await visibility.AccountsAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var prefix = filter.Name.Trim();
            query = query.Where(a => a.Name.StartsWith(prefix));
        }
        if (filter.OwnerId is { } owner)
            query = query.Where(a => a.OwnerId == owner);
        if (!string.IsNullOrWhiteSpace(filter.Industry))
            query = query.Where(a => a.Industry == filter.Industry.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Segment))
            query = query.Where(a => a.Segment == filter.Segment.Trim());
        if (filter.LifecycleStage is { } stage)
            query = query.Where(a => a.LifecycleStage == stage);
        var custom = await customFields.FiltersAsync(CustomFieldRecordTypes.Account, filter.CustomFields, ct);
        if (!custom.IsSuccess)
            return custom.Error!;
        return Result<IQueryable<Account>>.Success(query.WhereCustomFields(a => a.CustomFields, custom.Value, session.Provider));
    }

    public async Task<Result<AccountDto>> GetAsync(Guid id, CancellationToken ct) =>
        await (await visibility.AccountsAsync(ct)).Where(a => a.Id == id).Select(AccountDto.Projection).SingleOrDefaultAsync(ct) is { } account
            ? account
            : Error.NotFound("Account");

    public async Task<Result<AccountDto>> CreateAsync(AccountInput input, CancellationToken ct)
    {
        var errors = input.ToDetails().Validate(new FieldErrors());
        if (input.PartyId is null)
            errors.Required("name", input.Name);
        if (errors.Any)
            return errors.ToError();
        if (input.ParentAccountId is { } parent && !await (await visibility.AccountsAsync(ct)).AnyAsync(a => a.Id == parent, ct))
            return Error.Validation("parentAccountId", "No such account.");
        var values = await customFields.ValidateAsync(CustomFieldRecordTypes.Account, input.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;

        await using var unit = await session.BeginAsync(ct);
        PartySummary party;
        if (input.PartyId is { } partyId)
        {
            if (await parties.FindAsync(partyId, ct) is not { } found)
                return Error.Validation("partyId", "No such party.");
            if (found.Kind != PartyKind.Organisation)
                return Error.Validation("partyId", "An account is an organisation, not a person.");
            if (await db.Accounts.AnyAsync(a => a.PartyId == partyId, ct))
                return Error.Conflict("account_exists", "This organisation already has an account.");
            party = found;
        }
        else
        {
            var registered = await parties.RegisterAsync(new NewParty(PartyKind.Organisation, input.Name!, input.Email, input.Phone), ct);
            if (!registered.IsSuccess)
                return registered.Error!;
            party = registered.Value;
        }
        var owner = input.OwnerId ?? user.UserId;
        var account = Account.Open(party.Id, party.Name, input.ToDetails(), owner, await visibility.TeamOfAsync(owner, ct), clock.GetUtcNow());
        account.SetCustomFields(values.Value);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(account), ct);
        await unit.CommitAsync(ct);
        return AccountDto.FromRecord(account);
    }

    public async Task<Result<AccountDto>> UpdateAsync(Guid id, AccountInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        if (await CrmVisibility.TrackedAsync(await visibility.AccountsAsync(ct), id, ct) is not { } account)
            return Error.NotFound("Account");
        if (checkVersion(account.Version) is { } stale)
            return stale;
        var errors = input.ToDetails().Validate(new FieldErrors()).Optional("name", input.Name);
        if (errors.Any)
            return errors.ToError();
        if (input.ParentAccountId is { } parent && await CycleAsync(id, parent, ct) is { } refused)
            return refused;
        var values = await customFields.ValidateChangeAsync(CustomFieldRecordTypes.Account, input.CustomFields, account.CustomFields, ct);
        if (!values.IsSuccess)
            return values.Error!;
        await using var unit = await session.BeginAsync(ct);
        var owner = input.OwnerId ?? account.OwnerId;
        var team = owner == account.OwnerId ? account.TeamId : await visibility.TeamOfAsync(owner, ct);
        account.Change(input.ToDetails(), owner, team);
        account.SetCustomFields(values.Value);
        if (!string.IsNullOrWhiteSpace(input.Name))
            account.Rename(input.Name);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(account), ct);
        await unit.CommitAsync(ct);
        return AccountDto.FromRecord(account);
    }

    /// <summary>Walks up from the new parent; meeting the account itself means the hierarchy would loop.</summary>
    private async Task<Error?> CycleAsync(Guid id, Guid parentId, CancellationToken ct)
    {
        if (parentId == id)
            return new Error("account_hierarchy_cycle", "An account cannot be its own parent.");
        if (!await db.Accounts.AnyAsync(a => a.Id == parentId, ct))
            return Error.Validation("parentAccountId", "No such account.");
        var current = (Guid?)parentId;
        for (var depth = 0; current is { } step && depth < 100; depth++)
        {
            if (step == id)
                return new Error("account_hierarchy_cycle", "The parent is below this account in the hierarchy.");
            current = await db.Accounts.AsNoTracking().Where(a => a.Id == step).Select(a => a.ParentAccountId).SingleOrDefaultAsync(ct);
        }
        return null;
    }
}

internal static class AccountsEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var accounts = crm.MapGroup("/accounts").WithTags("CRM accounts");
        accounts.MapGet("/", async (int? limit, string? after, string? sort, string? name, Guid? ownerId, string? industry, string? segment,
                    string? lifecycleStage, string? format, HttpContext http, AccountsHandler handler, CancellationToken ct) =>
            {
                if (!QueryEnum.TryParse<LifecycleStage>(lifecycleStage, out var stage))
                    return Problems.From(Error.Validation("lifecycleStage", "prospect, customer, partner or former."));
                var filter = new AccountFilter(name, ownerId, industry, segment, stage) { CustomFields = CustomFieldColumns.Filters(http.Request.Query) };
                return await ListFormat.RespondAsync(format, "accounts.csv",
                    () => handler.ListAsync(filter, new PageRequest(limit, after, sort), ct), () => handler.ExportAsync(filter, ct));
            })
            .RequireAuthorization(CrmPermissions.Read).WithName("ListAccounts")
            .WithSummary("List the accounts you may see (keyset); filter by cf.<key>; ?format=csv exports every match");
        accounts.MapGet("/{id:guid}", async (Guid id, AccountsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, a => a.Version))
            .RequireAuthorization(CrmPermissions.Read).WithName("GetAccount").WithSummary("Read one account; the ETag carries its version");
        accounts.MapPost("/", async (AccountInput input, AccountsHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(a => Results.Created($"/api/v1/crm/accounts/{a.Id}", a)))
            .RequireAuthorization(CrmPermissions.Write).WithName("CreateAccount").WithSummary("Open an account on an organisation party (registered or linked)");
        accounts.MapPut("/{id:guid}", async (Guid id, AccountInput input, AccountsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, a => a.Version))
            .RequireAuthorization(CrmPermissions.Write).WithName("UpdateAccount").WithSummary("Change an account; send its ETag in If-Match");
    }
}
