using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Contracts;
using Tandem.Platform;
using Tandem.Platform.Modules;
using Tandem.Platform.Persistence;
using Tandem.Sales.Data;
using Tandem.Sales.Domain;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Credit;

internal sealed record ApprovalDto(
    Guid Id, string Status, Guid CustomerId, string? CustomerName, string DocumentType, Guid DocumentId, string DocumentNumber, Money Amount, decimal Exposure,
    decimal? CreditLimit, decimal Overdue, string Reason, string RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? Note)
{
    public static ApprovalDto From(CreditApproval a, string? customerName) =>
        new(a.Id, CreditApproval.Describe(a.Status), a.PartyId, customerName, a.DocumentType, a.DocumentId, a.DocumentNumber, new Money(a.Amount, a.Currency), a.Exposure,
            a.CreditLimit, a.Overdue, a.Reason, a.RequestedBy, a.RequestedAt, a.DecidedBy, a.DecidedAt, a.Note);
}

internal sealed record DecisionInput(string? Note);

/// <summary>The finance manager's queue of credit approvals; each decision is a change of the record, so it is in the audit trail.</summary>
internal sealed class ApprovalHandler(SalesDb db, DbSession session, IPartiesModule parties, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<ApprovalDto>>> ListAsync(string? status, CancellationToken ct)
    {
        var query = db.Approvals.AsNoTracking();
        if (status is { Length: > 0 })
        {
            if (Enum.GetValues<ApprovalStatus>().Cast<ApprovalStatus?>().FirstOrDefault(s => CreditApproval.Describe(s!.Value) == status) is not { } parsed)
                return Error.Validation("status", "pending, approved or rejected.");
            query = query.Where(a => a.Status == parsed);
        }
        var approvals = await query.OrderByDescending(a => a.RequestedAt).Take(500).ToListAsync(ct);
        var names = (await parties.FindManyAsync(approvals.Select(a => a.PartyId).Distinct().ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);
        return approvals.Select(a => ApprovalDto.From(a, names.GetValueOrDefault(a.PartyId))).ToList();
    }

    public Task<Result<ApprovalDto>> ApproveAsync(Guid id, DecisionInput input, CancellationToken ct) =>
        DecideAsync(id, input, a => a.Approve(user.DisplayName, input.Note, clock.GetUtcNow()), ct);

    public Task<Result<ApprovalDto>> RejectAsync(Guid id, DecisionInput input, CancellationToken ct) =>
        DecideAsync(id, input, a => a.Reject(user.DisplayName, input.Note, clock.GetUtcNow()), ct);

    private async Task<Result<ApprovalDto>> DecideAsync(Guid id, DecisionInput input, Action<CreditApproval> decide, CancellationToken ct)
    {
        if (input.Note is { Length: > 400 })
            return Error.Validation("note", "At most 400 characters.");
        await using var unit = await session.BeginAsync(ct);
        var approval = await db.Approvals.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (approval is null)
            return Error.NotFound("Credit approval");
        decide(approval);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ApprovalDto.From(approval, (await parties.FindAsync(approval.PartyId, ct))?.Name);
    }
}
