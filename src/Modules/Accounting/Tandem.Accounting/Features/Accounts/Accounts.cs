using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Accounts;

/// <summary>An account as the API and the pages show it.</summary>
public sealed record AccountDto(Guid Id, string Code, string Name, AccountType Type, ControlRole Role, Guid? ParentId, bool IsActive, long Version);

/// <summary>The body of an account create or update request.</summary>
public sealed record AccountInput(string? Code, string? Name, AccountType Type, ControlRole Role = ControlRole.None, Guid? ParentId = null, bool IsActive = true)
{
    internal AccountDetails ToDetails() => new(Code ?? "", Name ?? "", Type, Role, ParentId, IsActive);
}

/// <summary>The chart of accounts in code order; a chart is small, so it comes whole.</summary>
internal sealed class ListAccountsQuery(AccountingDb db)
{
    public async Task<IReadOnlyList<AccountDto>> HandleAsync(bool activeOnly, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().Where(a => !activeOnly || a.IsActive).OrderBy(a => a.Code)
            .Select(a => new AccountDto(a.Id, a.Code, a.Name, a.Type, a.Role, a.ParentId, a.IsActive, a.Version))
            .ToListAsync(ct);
}

/// <summary>Opens an account or changes one; the code is the account's identity and never changes.</summary>
internal sealed class SaveAccountHandler(AccountingDb db)
{
    public async Task<Result<AccountDto>> CreateAsync(AccountInput input, CancellationToken ct)
    {
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        if (await db.Accounts.AnyAsync(a => a.Code == details.Code.Trim(), ct))
            return Error.Conflict("account_code_taken", $"Account {details.Code.Trim()} already exists.");
        if (await ParentErrorAsync(details.ParentId, ct) is { } parentError)
            return parentError;
        var account = Account.Open(details);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        return ToDto(account);
    }

    public async Task<Result<AccountDto>> UpdateAsync(Guid id, AccountInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
            return Error.NotFound("Account");
        if (checkVersion(account.Version) is { } stale)
            return stale;
        var details = input.ToDetails();
        if (details.Validate() is { } invalid)
            return invalid;
        if (await ParentErrorAsync(details.ParentId, ct) is { } parentError)
            return parentError;
        account.Change(details);
        await db.SaveChangesAsync(ct);
        return ToDto(account);
    }

    private async Task<Error?> ParentErrorAsync(Guid? parentId, CancellationToken ct) =>
        parentId is { } parent && !await db.Accounts.AnyAsync(a => a.Id == parent, ct)
            ? Error.Validation("parentId", "No such account.")
            : null;

    private static AccountDto ToDto(Account a) => new(a.Id, a.Code, a.Name, a.Type, a.Role, a.ParentId, a.IsActive, a.Version);
}

internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder accounts)
    {
        accounts.MapGet("/", async (bool? activeOnly, ListAccountsQuery query, CancellationToken ct) =>
                Results.Ok(await query.HandleAsync(activeOnly ?? false, ct)))
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("ListLedgerAccounts")
            .WithSummary("The chart of accounts in code order");

        accounts.MapGet("/{id:guid}", async (Guid id, AccountingDb db, HttpContext http, CancellationToken ct) =>
            {
                var account = await db.Accounts.AsNoTracking().Where(a => a.Id == id)
                    .Select(a => new AccountDto(a.Id, a.Code, a.Name, a.Type, a.Role, a.ParentId, a.IsActive, a.Version)).SingleOrDefaultAsync(ct);
                return account is null ? Problems.From(Error.NotFound("Account")) : Result<AccountDto>.Success(account).ToHttpWithETag(http.Response, a => a.Version);
            })
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("GetLedgerAccount")
            .WithSummary("One account, with its version as ETag");

        accounts.MapPost("/", async (AccountInput input, SaveAccountHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(a => Results.Created($"/api/v1/accounting/accounts/{a.Id}", a)))
            .RequireAuthorization(AccountingPermissions.Manage)
            .WithName("CreateLedgerAccount")
            .WithSummary("Open an account in the chart");

        accounts.MapPut("/{id:guid}", async (Guid id, AccountInput input, SaveAccountHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, version => ETags.Check(http.Request, version), ct)).ToHttpWithETag(http.Response, a => a.Version))
            .RequireAuthorization(AccountingPermissions.Manage)
            .WithName("UpdateLedgerAccount")
            .WithSummary("Rename, regroup or deactivate an account; send its ETag in If-Match");
    }
}
