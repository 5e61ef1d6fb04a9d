using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Accounting.Contracts;
using Tandem.Platform.Api;

namespace Tandem.Accounting.Features.JournalEntries;

/// <summary>The body of a reversal: the date the reversing entry is posted on (the original's date by default).</summary>
public sealed record ReverseInput(DateOnly? Date = null);

internal static class JournalEntryEndpoints
{
    public static void Map(IEndpointRouteBuilder entries)
    {
        entries.MapGet("/", async (int? limit, string? after, string? sort, EntryStatusName? status, DateOnly? from, DateOnly? to, JournalEntriesHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(new EntryFilter(status, from, to), new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("ListJournalEntries")
            .WithSummary("Journal entries a page at a time, newest first (keyset: pass nextCursor as after)");

        entries.MapGet("/{id:guid}", async (Guid id, JournalEntriesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, e => e.Version))
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("GetJournalEntry")
            .WithSummary("One journal entry with its lines");

        entries.MapPost("/", async (JournalEntryInput input, bool? post, JournalEntriesHandler handler, Platform.ICurrentUser user, CancellationToken ct) =>
            {
                if (post == true && !user.HasPermission(AccountingPermissions.Post))
                    return Problems.Of("forbidden", "Posting needs the accounting.post permission.", StatusCodes.Status403Forbidden);
                return (await handler.CreateAsync(input, post == true, ct)).ToHttp(e => Results.Created($"/api/v1/accounting/journal-entries/{e.Id}", e));
            })
            .RequireAuthorization(AccountingPermissions.Write)
            .WithName("CreateJournalEntry")
            .WithSummary("Save a draft entry; with ?post=true post it at once");

        entries.MapPut("/{id:guid}", async (Guid id, JournalEntryInput input, JournalEntriesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, version => ETags.Check(http.Request, version), ct)).ToHttpWithETag(http.Response, e => e.Version))
            .RequireAuthorization(AccountingPermissions.Write)
            .WithName("UpdateJournalEntry")
            .WithSummary("Change a draft entry; a posted entry answers 409 entry_posted");

        entries.MapDelete("/{id:guid}", async (Guid id, JournalEntriesHandler handler, CancellationToken ct) =>
                (await handler.DeleteAsync(id, ct)).ToHttp(_ => Results.NoContent()))
            .RequireAuthorization(AccountingPermissions.Write)
            .WithName("DeleteJournalEntry")
            .WithSummary("Delete a draft entry; a posted entry answers 409 entry_posted");

        entries.MapPost("/{id:guid}/post", async (Guid id, JournalEntriesHandler handler, CancellationToken ct) =>
                (await handler.PostAsync(id, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Post)
            .WithName("PostJournalEntry")
            .WithSummary("Post a draft: number it, move the balances; refused when unbalanced or the period is closed");

        entries.MapPost("/{id:guid}/reverse", async (Guid id, ReverseInput? input, JournalEntriesHandler handler, CancellationToken ct) =>
                (await handler.ReverseAsync(id, input?.Date, ct)).ToHttp(e => Results.Created($"/api/v1/accounting/journal-entries/{e.Id}", e)))
            .RequireAuthorization(AccountingPermissions.Post)
            .WithName("ReverseJournalEntry")
            .WithSummary("Post the reversing entry of a posted entry");
    }
}
