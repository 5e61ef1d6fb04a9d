using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Platform.Security;
using Tandem.SharedKernel;

namespace Tandem.Platform.Audit;

/// <summary>One audit row as the API and the history panel show it; <c>changes</c> maps field to before/after.</summary>
public sealed record AuditEntryDto(
    Guid Id, long Sequence, string Action, Guid? UserId, string UserName, DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, AuditFieldChange> Changes);

public sealed record AuditFieldChange(JsonElement Before, JsonElement After);

/// <summary>A record's history in the current company, newest first.</summary>
public sealed class AuditHistoryQuery(PlatformDb db, ICompanyContext company)
{
    public async Task<IReadOnlyList<AuditEntryDto>> HandleAsync(string entityType, Guid entityId, CancellationToken ct)
    {
        var companyId = company.CompanyId;
        var rows = await db.AuditLog.AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == entityId && e.CompanyId == companyId)
            .OrderByDescending(e => e.Sequence)
            .ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    private static AuditEntryDto ToDto(AuditEntry row)
    {
        var changes = JsonSerializer.Deserialize<Dictionary<string, AuditFieldChange>>(row.Changes, JsonSerializerOptions.Web) ?? [];
        return new AuditEntryDto(row.Id, row.Sequence, row.Action, row.UserId, row.UserName, row.OccurredAt, changes);
    }
}

internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/{entityType}/{id:guid}", async (string entityType, Guid id, AuditHistoryQuery query, CancellationToken ct) =>
            {
                if (entityType.Length > 100)
                    return Problems.From(Error.Validation("entityType", "At most 100 characters."));
                var history = await query.HandleAsync(entityType, id, ct);
                // Another company's record and an unknown id look the same: no history here.
                return history.Count == 0 ? Problems.From(Error.NotFound("Audit history")) : Results.Ok(history);
            })
            .RequireAuthorization(PlatformPermissions.ReadAudit)
            .WithTags("Audit")
            .WithName("GetAuditHistory")
            .WithSummary("Who changed a record, when, and each field before and after; newest first");
}
