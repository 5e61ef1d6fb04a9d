using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Contracts;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Features.Matching;

internal sealed record ReleaseInput(string? Note);

internal sealed record BillMatchDto(
    Guid Id, Guid BillId, Guid SupplierId, string Status, string? Reason, string Orders, Money Amount, bool Posted, DateTimeOffset MatchedAt,
    string? ReleaseNote, string? ReleasedBy, DateTimeOffset? ReleasedAt, long Version);

/// <summary>
/// The three-way match Accounting asks for when a vendor bill that references purchase order lines is saved or posted:
/// the bill against the ordered and received quantities and the ordered prices, within the company's tolerances.
/// </summary>
internal sealed class BillMatcher(PurchasingDb db, PurchasingCompany company, TimeProvider clock) : IBillMatcher
{
    public async Task<Result<BillMatchOutcome>> MatchAsync(BillToMatch bill, bool posting, CancellationToken ct)
    {
        var lineIds = bill.Lines.Select(l => l.PurchaseOrderLineId).Distinct().ToList();
        var orderIds = await db.OrderLines.Where(l => lineIds.Contains(l.Id)).Select(l => l.OrderId).Distinct().ToListAsync(ct);
        var orders = await db.Orders.Include(o => o.Lines).Where(o => orderIds.Contains(o.Id)).ToListAsync(ct);
        var lines = orders.SelectMany(o => o.Lines.Select(l => (Order: o, Line: l))).ToDictionary(x => x.Line.Id);
        if (bill.Lines.FirstOrDefault(l => !lines.ContainsKey(l.PurchaseOrderLineId)) is { } unknown)
        {
            return new Error("purchase_order_line_unknown", $"Bill line {unknown.LineNumber} names a purchase order line that does not exist in this company.")
            {
                Fields = new Dictionary<string, string[]> { [$"lines[{unknown.LineNumber - 1}].purchaseOrderLineId"] = ["Unknown."] },
            };
        }
        var settings = await company.SettingsAsync(ct);
        var reasons = new List<string>();
        foreach (var order in orders.OrderBy(o => o.Number))
        {
            var name = order.Number ?? "a draft order";
            if (order.SupplierId != bill.SupplierId)
                reasons.Add($"{name} is with another supplier");
            if (order.Currency != bill.Currency)
                reasons.Add($"{name} is in {order.Currency}, the bill in {bill.Currency}");
            if (order.Status is OrderStatus.Draft or OrderStatus.ToApprove or OrderStatus.Cancelled)
                reasons.Add($"{name} is {PurchaseOrder.Describe(order.Status)}");
        }
        var matchLines = bill.Lines.Select(l =>
        {
            var (order, line) = lines[l.PurchaseOrderLineId];
            return new MatchLine(l.LineNumber, order.Number ?? "draft", line.LineNumber, line.Quantity, line.Received, line.Billed, line.UnitPrice, l.Quantity, l.UnitPrice);
        }).ToList();
        if (ThreeWayMatch.Check(matchLines, settings.QuantityTolerancePercent, settings.PriceTolerancePercent) is { } mismatch)
            reasons.Add(mismatch);
        var reason = reasons.Count == 0 ? null : string.Join("; ", reasons);
        if (reason is { Length: > 4000 })
            reason = reason[..3997] + "...";

        var match = await db.Matches.SingleOrDefaultAsync(m => m.BillId == bill.BillId, ct);
        if (match is null)
        {
            match = BillMatch.For(bill.BillId);
            db.Matches.Add(match);
        }
        var amount = bill.Lines.Sum(l => Math.Round(l.Quantity * l.UnitPrice, bill.Currency.MinorUnits, MidpointRounding.AwayFromZero));
        var orderNumbers = string.Join(", ", orders.Select(o => o.Number ?? "draft").Order());
        match.Record(bill.SupplierId, reason, orderNumbers.Length > 400 ? orderNumbers[..400] : orderNumbers, amount, bill.Currency, clock.GetUtcNow());
        if (posting && !match.OnHold)
        {
            foreach (var line in bill.Lines)
                lines[line.PurchaseOrderLineId].Order.Bill(line.PurchaseOrderLineId, line.Quantity);
            match.MarkPosted();
        }
        await db.SaveChangesAsync(ct);
        return new BillMatchOutcome(match.OnHold, match.Reason);
    }

    public async Task DiscardAsync(Guid billId, CancellationToken ct)
    {
        var match = await db.Matches.SingleOrDefaultAsync(m => m.BillId == billId, ct);
        if (match is null)
            return;
        db.Matches.Remove(match);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The matching exceptions: bills on hold, and releasing one with a note.</summary>
internal sealed class MatchingHandler(PurchasingDb db, DbSession session, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<BillMatchDto>>> ListAsync(string? status, Guid? billId, CancellationToken ct)
    {
        var query = db.Matches.AsNoTracking();
        if (status is { Length: > 0 })
        {
            if (Parse(status) is not { } parsed)
                return Error.Validation("status", "matched, on_hold or released.");
            query = query.Where(m => m.Status == parsed);
        }
        if (billId is { } b)
            query = query.Where(m => m.BillId == b);
        var rows = await query.OrderByDescending(m => m.MatchedAt).Take(500).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    public async Task<Result<BillMatchDto>> ReleaseAsync(Guid id, ReleaseInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("note", input.Note, 500);
        if (errors.Any)
            return errors.ToError();
        await using var unit = await session.BeginAsync(ct);
        var match = await db.Matches.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (match is null)
            return Error.NotFound("Bill match");
        match.Release(input.Note!, user.DisplayName, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(match);
    }

    public static string Describe(MatchStatus status) => status == MatchStatus.OnHold ? "on_hold" : status.ToString().ToLowerInvariant();

    private static MatchStatus? Parse(string text) => Enum.GetValues<MatchStatus>().Cast<MatchStatus?>().FirstOrDefault(s => Describe(s!.Value) == text);

    private static BillMatchDto ToDto(BillMatch m) =>
        new(m.Id, m.BillId, m.SupplierId, Describe(m.Status), m.Reason, m.Orders, new Money(m.Amount, m.Currency), m.Posted, m.MatchedAt,
            m.ReleaseNote, m.ReleasedBy, m.ReleasedAt, m.Version);
}

internal static class MatchingEndpoints
{
    public static void Map(IEndpointRouteBuilder purchasing)
    {
        purchasing.MapGet("/bill-matches", async (string? status, Guid? bill, MatchingHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(status, bill, ct)).ToHttp())
            .RequireAuthorization(PurchasingPermissions.Read).WithName("ListBillMatches")
            .WithSummary("Three-way matches of vendor bills; status=on_hold lists the matching exceptions");
        purchasing.MapPost("/bill-matches/{id:guid}/release", async (Guid id, ReleaseInput input, MatchingHandler handler, CancellationToken ct) =>
                (await handler.ReleaseAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(PurchasingPermissions.Operate).WithName("ReleaseBillHold")
            .WithSummary("Release a bill from hold with a note (audited); it then posts as it is");
    }
}
