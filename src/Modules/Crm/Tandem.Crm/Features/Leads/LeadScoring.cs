using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Leads;

public sealed record ScoringRuleDto(Guid Id, string Name, string Field, ScoringCondition Condition, string? Value, int Points);

public sealed record ScoringRuleInput(string Name, string Field, ScoringCondition Condition, string? Value, int Points);

/// <summary>Scores leads by the admin's rules, and keeps each lead's stored score current.</summary>
internal sealed class LeadScoring(CrmDb db, CrmVisibility visibility, DbSession session)
{
    public async Task<IReadOnlyList<ScoringRuleDto>> RulesAsync(CancellationToken ct) =>
        await db.ScoringRules.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new ScoringRuleDto(r.Id, r.Name, r.Field, r.Condition, r.Value, r.Points)).ToListAsync(ct);

    public async Task<Result<ScoringRuleDto>> AddRuleAsync(ScoringRuleInput input, CancellationToken ct)
    {
        if (ScoringRule.Validate(input.Name, input.Field, input.Condition, input.Value, input.Points) is { } invalid)
            return invalid;
        await using var unit = await session.BeginAsync(ct);
        var rule = ScoringRule.Create(input.Name, input.Field, input.Condition, input.Value, input.Points);
        db.ScoringRules.Add(rule);
        await db.SaveChangesAsync(ct);
        await RescoreAllAsync(ct);
        await unit.CommitAsync(ct);
        return new ScoringRuleDto(rule.Id, rule.Name, rule.Field, rule.Condition, rule.Value, rule.Points);
    }

    public async Task<Result<bool>> RemoveRuleAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.ScoringRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
            return Error.NotFound("Scoring rule");
        await using var unit = await session.BeginAsync(ct);
        db.ScoringRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        await RescoreAllAsync(ct);
        await unit.CommitAsync(ct);
        return true;
    }

    /// <summary>A visible lead's score, rule by rule.</summary>
    public async Task<Result<LeadScore>> ExplainAsync(Guid leadId, CancellationToken ct)
    {
        var lead = await (await visibility.LeadsAsync(ct)).SingleOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
            return Error.NotFound("Lead");
        return LeadScorer.Score(LeadFacts.Of(lead, await ActivityCountAsync(leadId, ct)), await db.ScoringRules.AsNoTracking().ToListAsync(ct));
    }

    /// <summary>Recomputes a tracked or stored lead's score inside the caller's unit of work.</summary>
    public async Task RescoreAsync(Guid leadId, CancellationToken ct)
    {
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId, ct);
        await RescoreAsync(lead, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task RescoreAsync(Lead lead, CancellationToken ct)
    {
        var rules = await db.ScoringRules.AsNoTracking().ToListAsync(ct);
        lead.SetScore(LeadScorer.Score(LeadFacts.Of(lead, await ActivityCountAsync(lead.Id, ct)), rules).Total);
    }

    // Open leads only: converted and disqualified leads keep the score they left with.
    private async Task RescoreAllAsync(CancellationToken ct)
    {
        var rules = await db.ScoringRules.AsNoTracking().ToListAsync(ct);
        var counts = await db.Activities.AsNoTracking().Where(a => a.LeadId != null).GroupBy(a => a.LeadId!.Value)
            .Select(g => new { LeadId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.LeadId, x => x.Count, ct);
        await foreach (var lead in db.Leads.Where(l => l.Status != LeadStatus.Converted && l.Status != LeadStatus.Disqualified).AsAsyncEnumerable().WithCancellation(ct))
            lead.SetScore(LeadScorer.Score(LeadFacts.Of(lead, counts.GetValueOrDefault(lead.Id)), rules).Total);
        await db.SaveChangesAsync(ct);
    }

    private Task<int> ActivityCountAsync(Guid leadId, CancellationToken ct) => db.Activities.CountAsync(a => a.LeadId == leadId, ct);
}

internal static class LeadScoringEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var rules = crm.MapGroup("/lead-scoring/rules").WithTags("CRM lead scoring");
        rules.MapGet("/", async (LeadScoring scoring, CancellationToken ct) => Results.Ok(await scoring.RulesAsync(ct)))
            .RequireAuthorization(CrmPermissions.Read).WithName("ListScoringRules").WithSummary("The lead scoring rules");
        rules.MapPost("/", async (ScoringRuleInput input, LeadScoring scoring, CancellationToken ct) =>
                (await scoring.AddRuleAsync(input, ct)).ToHttp(r => Results.Created($"/api/v1/crm/lead-scoring/rules/{r.Id}", r)))
            .RequireAuthorization(CrmPermissions.Manage).WithName("AddScoringRule").WithSummary("Add a rule: points for a field condition or a behaviour; open leads are rescored");
        rules.MapDelete("/{id:guid}", async (Guid id, LeadScoring scoring, CancellationToken ct) =>
                (await scoring.RemoveRuleAsync(id, ct)).ToHttp(_ => Results.NoContent()))
            .RequireAuthorization(CrmPermissions.Manage).WithName("RemoveScoringRule").WithSummary("Remove a rule; open leads are rescored");
        crm.MapGet("/leads/{id:guid}/score", async (Guid id, LeadScoring scoring, CancellationToken ct) => (await scoring.ExplainAsync(id, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithTags("CRM leads").WithName("ExplainLeadScore").WithSummary("A lead's score and the rules that gave it");
    }
}
