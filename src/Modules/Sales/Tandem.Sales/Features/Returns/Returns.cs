using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.Sales.Data;
using Tandem.Sales.Domain;
using Tandem.Sales.Features.Orders;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Returns;

internal sealed record ReturnLineInput(Guid OrderLineId, decimal Quantity) : IOrderLineQuantity;

internal sealed record ReturnInput(string? Reason, DateOnly? Date, IReadOnlyList<ReturnLineInput>? Lines);

internal sealed record ReceiveReturnLineInput(Guid ReturnLineId, IReadOnlyList<LotEntry>? Lots);

internal sealed record ReceiveReturnInput(DateOnly? Date, IReadOnlyList<ReceiveReturnLineInput>? Lines);

internal sealed record CreditNoteInput(DateOnly? Date);

internal sealed record ReturnLineDto(Guid Id, Guid OrderLineId, Guid ProductId, string Description, decimal Quantity, decimal UnitCost, Guid? MoveId);

internal sealed record ReturnDto(
    Guid Id, string Number, Guid OrderId, Guid CustomerId, string Status, string Reason, DateOnly Date, DateOnly? ReceivedDate, Guid? CreditNoteId,
    string? CreditNoteNumber, IReadOnlyList<ReturnLineDto> Lines);

/// <summary>Returns: the authorisation, the receipt back into stock at the cost the goods left at, then the credit note.</summary>
internal sealed class ReturnHandler(SalesDb db, DbSession session, DocumentNumbers numbers, SalesCompany company, IInventoryModule inventory, IAccountingModule accounting,
    TimeProvider clock)
{
    public const string Sequence = "sales-return";
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "RMA", Yearly: true);

    public async Task<Result<IReadOnlyList<ReturnDto>>> ListAsync(Guid? orderId, CancellationToken ct)
    {
        var query = db.Returns.AsNoTracking().Include(r => r.Lines).AsQueryable();
        if (orderId is { } o)
            query = query.Where(r => r.OrderId == o);
        var returns = await query.OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(ct);
        return returns.Select(ToDto).ToList();
    }

    public async Task<Result<ReturnDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var ra = await db.Returns.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, ct);
        return ra is null ? Error.NotFound("Return") : ToDto(ra);
    }

    public async Task<Result<ReturnDto>> AuthoriseAsync(Guid orderId, ReturnInput input, CancellationToken ct)
    {
        var lines = input.Lines ?? [];
        var errors = new FieldErrors().Required("reason", input.Reason, 400).When(lines.Count == 0, "lines", "At least one line.").OrderLines(lines);
        if (errors.Any)
            return errors.ToError();
        await using var unit = await session.BeginAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
            return Error.NotFound("Sales order");
        var date = input.Date ?? company.Today;
        var number = await numbers.NextAsync(NumberFormat, date.Year, ct);
        var ra = ReturnAuthorisation.Authorise(number, order, input.Reason!, date, lines.Select(l => (l.OrderLineId, l.Quantity)).ToList(), clock.GetUtcNow());
        db.Returns.Add(ra);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(ra);
    }

    /// <summary>The goods arrive: each line goes back into the order's warehouse at the cost it left at, reversing cost of goods sold.</summary>
    public async Task<Result<ReturnDto>> ReceiveAsync(Guid id, ReceiveReturnInput input, CancellationToken ct)
    {
        if (input.Lines is { Count: > 200 })
            return Error.Validation("lines", "At most 200.");
        await using var unit = await session.BeginAsync(ct);
        var ra = await db.Returns.Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (ra is null)
            return Error.NotFound("Return");
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == ra.OrderId, ct);
        var date = input.Date ?? company.Today;
        ra.MarkReceived(date);
        foreach (var line in ra.Lines)
        {
            var lots = input.Lines?.FirstOrDefault(l => l is not null && l.ReturnLineId == line.Id)?.Lots;
            var move = await inventory.ReceiveCustomerReturnAsync(new CustomerReturnRequest(line.ProductId, line.Quantity, order.WarehouseId, ra.PartyId, line.UnitCost, date,
                new SourceDocument("sales_return", ra.Id, line.Id), lots, ra.Number), ct);
            if (!move.IsSuccess)
                return move.Error!;
            line.Received(move.Value.Id);
            db.Moves.Add(ReturnMove(order.Id, line, move.Value, date));
        }
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(ra);
    }

    /// <summary>Credits the returned goods at the price they were invoiced at.</summary>
    public async Task<Result<ReturnDto>> CreditAsync(Guid id, CreditNoteInput input, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var ra = await db.Returns.Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (ra is null)
            return Error.NotFound("Return");
        if (ra.Status != ReturnStatus.Received)
            ra.MarkCredited(Guid.Empty, "");
        var order = await db.Orders.SingleAsync(o => o.Id == ra.OrderId, ct);
        var date = input.Date ?? company.Today;
        var terms = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.PartyId == ra.PartyId, ct);
        var posted = await accounting.PostCustomerDocumentAsync(new CustomerDocumentRequest(InvoiceKind.CustomerCreditNote, ra.PartyId, date, order.Currency.Value,
            $"{ra.Number} / {order.Number}", ra.Lines.Select(l => new CustomerDocumentLine(l.Description, l.Quantity, l.NetUnitPrice, OrderHandler.RevenueAccount, l.TaxId)).ToList(),
            terms?.PaymentTermId), ct);
        if (!posted.IsSuccess)
            return posted.Error!;
        ra.MarkCredited(posted.Value.Id, posted.Value.Number);
        db.Invoices.Add(new OrderInvoice(order.Id, posted.Value.Id, posted.Value.Number, "credit_note", date, posted.Value.Total.Amount, ra.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(ra);
    }

    private OrderMove ReturnMove(Guid orderId, ReturnLine line, MoveSummary move, DateOnly date)
    {
        var record = new OrderMove(orderId, line.OrderLineId, move.Id, move.Number, "return", line.Quantity, 0m);
        record.MarkDone(line.Quantity, move.Value, date, null, clock.GetUtcNow());
        return record;
    }

    private static ReturnDto ToDto(ReturnAuthorisation r) =>
        new(r.Id, r.Number, r.OrderId, r.PartyId, ReturnAuthorisation.Describe(r.Status), r.Reason, r.Date, r.ReceivedDate, r.CreditNoteId, r.CreditNoteNumber,
            r.Lines.Select(l => new ReturnLineDto(l.Id, l.OrderLineId, l.ProductId, l.Description, l.Quantity, l.UnitCost, l.MoveId)).ToList());
}
