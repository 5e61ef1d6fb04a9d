using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Leads;

public sealed record AssignmentRuleDto(Guid Id, string Name, int Priority, Guid TeamId, string? Country, long Assigned);

public sealed record AssignmentRuleInput(string Name, Guid TeamId, int Priority = 100, string? Country = null);

/// <summary>Round-robin assignment of new leads within a team, optionally per territory (country).</summary>
internal sealed class LeadAssignment(CrmDb db, DbSession session)
{
    public async Task<IReadOnlyList<AssignmentRuleDto>> RulesAsync(CancellationToken ct) =>
        await db.AssignmentRules.AsNoTracking().OrderBy(r => r.Priority).ThenBy(r => r.Name)
            .Select(r => new AssignmentRuleDto(r.Id, r.Name, r.Priority, r.TeamId, r.Country, r.Counter)).ToListAsync(ct);

    public async Task<Result<AssignmentRuleDto>> AddRuleAsync(AssignmentRuleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("name", input.Name, 100)
            .When(input.Country is { } c && (c.Trim().Length != 2 || !c.Trim().All(char.IsAsciiLetter)), "country", "A two-letter ISO country code.")
            .When(input.Priority is < 0 or > 10000, "priority", "Between 0 and 10000.");
        if (errors.Any)
            return errors.ToError();
        if (!await db.Teams.AnyAsync(t => t.Id == input.TeamId, ct))
            return Error.Validation("teamId", "No such team.");
        await using var unit = await session.BeginAsync(ct);
        var rule = AssignmentRule.Create(input.Name, input.Priority, input.TeamId, input.Country);
        db.AssignmentRules.Add(rule);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new AssignmentRuleDto(rule.Id, rule.Name, rule.Priority, rule.TeamId, rule.Country, rule.Counter);
    }

    /// <summary>
    /// The owner and team for a new lead from the first matching rule, or null. Runs inside the caller's unit of
    /// work: the counter is advanced by one atomic UPDATE, whose row lock makes concurrent assignments on
    /// PostgreSQL queue and each take the next member instead of two taking the same one.
    /// </summary>
    public async Task<(Guid OwnerId, Guid TeamId)?> AssignAsync(string? country, CancellationToken ct)
    {
        if (session.Transaction is null)
            throw new InvalidOperationException("Assign inside the unit of work that saves the lead.");
        var rules = await db.AssignmentRules.AsNoTracking().OrderBy(r => r.Priority).ThenBy(r => r.Name).ToListAsync(ct);
        foreach (var rule in rules.Where(r => r.Matches(country)))
        {
            var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == rule.TeamId).Select(m => m.UserId).ToListAsync(ct);
            if (members.Count == 0)
                continue;
            session.Enlist(db);
            await db.AssignmentRules.Where(r => r.Id == rule.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Counter, r => r.Counter + 1), ct);
            var counter = await db.AssignmentRules.AsNoTracking().Where(r => r.Id == rule.Id).Select(r => r.Counter).SingleAsync(ct) - 1;
            return (AssignmentRule.PickMember(members, counter), rule.TeamId);
        }
        return null;
    }
}

internal static class AssignmentEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var rules = crm.MapGroup("/assignment-rules").WithTags("CRM lead assignment");
        rules.MapGet("/", async (LeadAssignment assignment, CancellationToken ct) => Results.Ok(await assignment.RulesAsync(ct)))
            .RequireAuthorization(CrmPermissions.Read).WithName("ListAssignmentRules").WithSummary("The lead assignment rules by priority");
        rules.MapPost("/", async (AssignmentRuleInput input, LeadAssignment assignment, CancellationToken ct) =>
                (await assignment.AddRuleAsync(input, ct)).ToHttp(r => Results.Created($"/api/v1/crm/assignment-rules/{r.Id}", r)))
            .RequireAuthorization(CrmPermissions.Manage).WithName("AddAssignmentRule").WithSummary("Round robin within a team, optionally for one country");
    }
}
