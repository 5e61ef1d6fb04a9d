using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.Sales.Contracts;

namespace Tandem.Crm.Features.Opportunities;

/// <summary>
/// A quote made from an opportunity was accepted: the opportunity is won with the order's amount. Idempotent: an
/// opportunity already won or lost is left as it is, so a repeated delivery changes nothing.
/// </summary>
internal sealed class QuoteAcceptedHandler(CrmDb db, DbSession session, IOutbox outbox, ISearchIndex search, TimeProvider clock)
    : IIntegrationEventHandler<QuoteAccepted>
{
    public async Task HandleAsync(QuoteAccepted integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        if (integrationEvent.OpportunityId is not { } id)
            return;
        await using var unit = await session.BeginAsync(ct);
        var opportunity = await db.Opportunities.AsTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (opportunity is null || opportunity.StageKind != StageKind.Open)
            return;
        var won = await db.Stages.AsNoTracking().SingleAsync(s => s.PipelineId == opportunity.PipelineId && s.Kind == StageKind.Won, ct);
        opportunity.WinWithOrder(won, integrationEvent.Amount, clock.GetUtcNow());
        outbox.Publish(new OpportunityWon(opportunity.CompanyId, opportunity.Id, opportunity.AccountId, opportunity.Amount));
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(opportunity), ct);
        await unit.CommitAsync(ct);
    }
}
