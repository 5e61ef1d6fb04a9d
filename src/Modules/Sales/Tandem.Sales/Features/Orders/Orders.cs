using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Platform.Api;
using Tandem.Platform.Numbering;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Contracts;
using Tandem.Sales.Contracts;
using Tandem.Sales.Data;
using Tandem.Sales.Domain;
using Tandem.Sales.Features.Credit;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Orders;

internal sealed record ConfirmInput(bool RequestApproval = false);

internal sealed record DeliveryLineInput(Guid OrderLineId, decimal Quantity, IReadOnlyList<LotEntry>? Lots = null) : IOrderLineQuantity;

/// <summary>What was shipped today; without lines, everything still open of every goods line.</summary>
internal sealed record DeliveryInput(DateOnly? Date, IReadOnlyList<DeliveryLineInput>? Lines);

internal sealed record InvoiceLineInput(Guid OrderLineId, decimal Quantity) : IOrderLineQuantity;

/// <summary>What to invoice; without lines, everything delivered (ordered, for services) and not yet invoiced.</summary>
internal sealed record InvoiceInput(DateOnly? Date, IReadOnlyList<InvoiceLineInput>? Lines);

internal sealed record OrderLineDto(
    Guid Id, int LineNumber, Guid ProductId, string Description, bool IsService, decimal Quantity, string Unit, Money UnitPrice, decimal DiscountPercent,
    Money NetUnitPrice, decimal TaxRate, Money Net, Money Tax, Money Gross, DateOnly PromiseDate, decimal Delivered, decimal Backorder, decimal Invoiced, decimal Returned);

internal sealed record OrderMoveDto(Guid MoveId, string Number, Guid OrderLineId, string Kind, string Status, decimal Quantity, decimal Reserved, DateOnly? Date, string? Lots);

internal sealed record OrderInvoiceDto(Guid InvoiceId, string Number, string Kind, DateOnly Date, Money Total, Money? Open);

internal sealed record OrderDto(
    Guid Id, string Number, string Status, Guid CustomerId, string? CustomerName, Guid? AccountId, Guid? OpportunityId, Guid? QuoteId, string? QuoteNumber,
    Guid WarehouseId, CurrencyCode Currency, DateOnly OrderDate, DateOnly? PromiseDate, string? Notes, Money Untaxed, Money Tax, Money Total, Money Invoiced,
    IReadOnlyList<OrderLineDto> Lines, IReadOnlyList<OrderMoveDto> Moves, IReadOnlyList<OrderInvoiceDto> Invoices, IReadOnlyList<Guid> PurchaseProposals, long Version);

internal sealed record OrderRow(Guid Id, string Number, string Status, Guid CustomerId, string? CustomerName, DateOnly OrderDate, DateOnly? PromiseDate, Money Total);

/// <summary>The confirmation's answer: the order, or the credit approval it waits for.</summary>
internal sealed record ConfirmOutcome(OrderDto? Order, ApprovalDto? Approval);

/// <summary>How the lots and serials that left on a delivery read on the order and the customer's page.</summary>
internal static partial class ShippedLots
{
    /// <summary>The order keeps at most this much of the list on its delivery record; Inventory keeps every serial.</summary>
    public const int SummaryLength = 2000;

    /// <summary>A serial as its number, a lot as its number and quantity: <c>SN-1</c>, <c>L-A × 3</c>.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<LotEntry> lots) =>
        lots.Select(l => l.Serial ?? (l.Quantity is { } q ? $"{l.Lot} × {q.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}" : l.Lot) ?? "")
            .Where(s => s.Length > 0).ToList();

    /// <summary>
    /// What a person types on the order page: serials or lots separated by commas, semicolons or line breaks, a lot
    /// with its quantity after <c>×</c>, <c>x</c> or <c>:</c> (<c>L-A × 3, L-B × 1</c>); null when nothing is typed.
    /// </summary>
    public static IReadOnlyList<LotEntry>? Parse(string? text)
    {
        var entries = new List<LotEntry>();
        foreach (var item in (text ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = LotWithQuantity().Match(item);
            entries.Add(match.Success
                ? new LotEntry(match.Groups["lot"].Value, Quantity: decimal.Parse(match.Groups["quantity"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : new LotEntry(item));
        }
        return entries.Count == 0 ? null : entries;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<lot>.+?)\s*(?:×|\s[xX]|:)\s*(?<quantity>\d{1,10}(?:\.\d{1,4})?)$")]
    private static partial System.Text.RegularExpressions.Regex LotWithQuantity();

    /// <summary>The list as one line for the order's delivery record, cut short with how many more there are when it is too long.</summary>
    public static string? Summary(IReadOnlyList<string> lots)
    {
        if (lots.Count == 0)
            return null;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < lots.Count; i++)
        {
            var more = $" … and {lots.Count - i} more";
            var next = (i == 0 ? "" : ", ") + lots[i];
            var restFits = i == lots.Count - 1 ? text.Length + next.Length <= SummaryLength : text.Length + next.Length + more.Length <= SummaryLength;
            if (!restFits)
                return text.Append(more).ToString();
            text.Append(next);
        }
        return text.ToString();
    }
}

/// <summary>Confirms, delivers, invoices, cancels and closes sales orders.</summary>
internal sealed class OrderHandler(
    SalesDb db, DbSession session, SalesCompany company, IPartiesModule parties, IInventoryModule inventory, IAccountingModule accounting,
    IPurchasingModule purchasing, CreditCheck credit, IOutbox outbox, TimeProvider clock)
{
    public const string Sequence = "sales-order";
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "SO", Yearly: true);
    public const string RevenueAccount = "4000";

    internal static readonly SortMap<SalesOrder> Sorts = new SortMap<SalesOrder>("-orderDate")
        .Add("orderDate", o => o.OrderDate)
        .Add("createdAt", o => o.CreatedAt);

    /// <summary>Proposals made at confirmation, kept per request so the answer can show them.</summary>
    private IReadOnlyList<Guid> _proposals = [];

    public async Task<Result<Page<OrderRow>>> ListAsync(string? status, Guid? customerId, string? number, PageRequest page, CancellationToken ct)
    {
        var query = db.Orders.AsNoTracking();
        if (number is { Length: > 0 })
        {
            if (number.Length > 20)
                return Error.Validation("number", "At most 20 characters.");
            var prefix = number.Trim().ToUpperInvariant();
            query = query.Where(o => o.Number.StartsWith(prefix));
        }
        switch (status)
        {
            case null or "":
                break;
            case "to_deliver":
                query = query.Where(o => o.Status == SalesOrderStatus.Confirmed || o.Status == SalesOrderStatus.PartiallyDelivered);
                break;
            case "to_invoice":
                query = query.Where(o => o.Status == SalesOrderStatus.Confirmed || o.Status == SalesOrderStatus.PartiallyDelivered || o.Status == SalesOrderStatus.Delivered);
                break;
            default:
                if (Enum.GetValues<SalesOrderStatus>().Cast<SalesOrderStatus?>().FirstOrDefault(s => SalesOrder.Describe(s!.Value) == status) is not { } parsed)
                    return Error.Validation("status", "to_deliver, to_invoice, draft, confirmed, partially_delivered, delivered, invoiced, paid, closed or cancelled.");
                query = query.Where(o => o.Status == parsed);
                break;
        }
        if (customerId is { } c)
            query = query.Where(o => o.PartyId == c);
        var result = await query.ToPageAsync(page, Sorts, o => new { o.Id, o.Number, o.Status, o.PartyId, o.OrderDate, o.PromiseDate, o.Total, o.Currency }, ct);
        if (!result.IsSuccess)
            return result.Error!;
        var names = (await parties.FindManyAsync(result.Value.Items.Select(o => o.PartyId).Distinct().ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);
        return new Page<OrderRow>(
            result.Value.Items.Select(o => new OrderRow(o.Id, o.Number, SalesOrder.Describe(o.Status), o.PartyId, names.GetValueOrDefault(o.PartyId), o.OrderDate, o.PromiseDate,
                new Money(o.Total, o.Currency))).ToList(),
            result.Value.NextCursor);
    }

    public async Task<Result<OrderDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? Error.NotFound("Sales order") : await ToDtoAsync(order, ct);
    }

    /// <summary>
    /// Confirms the order: credit checked (serialised per customer), one reserved delivery per goods line in the same
    /// transaction (as much as is available), shortages proposed for purchase, <see cref="OrderConfirmed"/> published.
    /// </summary>
    public async Task<Result<ConfirmOutcome>> ConfirmAsync(Guid id, ConfirmInput input, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return Error.NotFound("Sales order");
        order.EnsureConfirmable();
        var check = await credit.CheckAsync(order.PartyId, "order", order.Id, order.Number, new Money(order.Total, order.Currency), order.QuoteId, input.RequestApproval, ct);
        if (check.Refusal is { } refused)
            return refused;
        if (check.RequestedApproval is { } approval)
        {
            // Only the approval request is kept: the order stays a draft until confirmed again after the decision.
            await db.SaveChangesAsync(ct);
            await unit.CommitAsync(ct);
            return new ConfirmOutcome(null, ApprovalDto.From(approval, null));
        }
        order.Confirm(clock.GetUtcNow());
        var needs = new List<PurchaseNeed>();
        foreach (var line in order.Lines.Where(l => !l.IsService).OrderBy(l => l.LineNumber))
        {
            var delivery = await inventory.CreateDeliveryAsync(new DeliveryRequest(line.ProductId, line.Quantity, null, order.WarehouseId, order.PartyId, line.PromiseDate,
                new SourceDocument("sales_order", order.Id, line.Id), ReserveAvailable: true), ct);
            if (!delivery.IsSuccess)
                return delivery.Error!;
            db.Moves.Add(new OrderMove(order.Id, line.Id, delivery.Value.Id, delivery.Value.Number, "delivery", line.Quantity, delivery.Value.Reserved));
            if (delivery.Value.Reserved < line.Quantity)
                needs.Add(new PurchaseNeed(line.ProductId, line.Quantity - delivery.Value.Reserved, order.WarehouseId, line.PromiseDate, "sales_order", order.Id, order.Number));
        }
        if (needs.Count > 0)
        {
            var proposed = await purchasing.ProposeAsync(needs, ct);
            // No supplier for the products is not a reason to refuse the customer: the shortfall waits on backorder.
            if (!proposed.IsSuccess && proposed.Error!.Code != "no_supplier")
                return proposed.Error!;
            _proposals = proposed.IsSuccess ? proposed.Value : [];
        }
        outbox.Publish(new OrderConfirmed(order.CompanyId, order.Id, order.Number, order.PartyId, new Money(order.Total, order.Currency), order.PromiseDate));
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new ConfirmOutcome(await ToDtoAsync(order, ct), null);
    }

    /// <summary>Ships all or part of the open goods; what is left stays reserved as a backorder; <see cref="ShipmentDone"/> published.</summary>
    public async Task<Result<OrderDto>> DeliverAsync(Guid id, DeliveryInput input, CancellationToken ct)
    {
        var requested = input.Lines ?? [];
        var errors = new FieldErrors().OrderLines(requested, (e, line, field) => e.When(line.Lots is { Count: > 1000 }, $"{field}.lots", "At most 1000."));
        if (errors.Any)
            return errors.ToError();
        await using var unit = await session.BeginAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return Error.NotFound("Sales order");
        order.EnsureDeliverable();
        var date = input.Date ?? company.Today;
        var open = await db.Moves.Where(m => m.OrderId == order.Id && m.Kind == "delivery" && m.Status == "reserved").ToListAsync(ct);
        var lines = requested.Count > 0 ? requested
            : order.Lines.Where(l => l.Backorder > 0).OrderBy(l => l.LineNumber).Select(l => new DeliveryLineInput(l.Id, l.Backorder)).ToList();
        if (lines.Count == 0)
            return Error.Conflict("nothing_to_deliver", $"{order.Number} has nothing left to deliver.");
        var shipped = new List<ShippedLine>();
        foreach (var request in lines)
        {
            var line = order.Line(request.OrderLineId);
            var move = open.FirstOrDefault(m => m.LineId == line.Id);
            if (move is null)
                return Error.Conflict("nothing_to_deliver", $"Line {line.LineNumber} has no open delivery.");
            order.Deliver(line.Id, request.Quantity);
            var done = await inventory.CompleteDeliveryAsync(new DeliveryCompletion(move.MoveId, request.Quantity, date, request.Lots), ct);
            if (!done.IsSuccess)
                return done.Error!;
            var lots = ShippedLots.Describe(done.Value.Lots);
            var lotText = ShippedLots.Summary(lots);
            if (done.Value.Done.Id == move.MoveId)
            {
                move.MarkDone(request.Quantity, done.Value.Cost, date, lotText, clock.GetUtcNow());
            }
            else
            {
                var record = new OrderMove(order.Id, line.Id, done.Value.Done.Id, done.Value.Done.Number, "delivery", request.Quantity, 0m);
                record.MarkDone(request.Quantity, done.Value.Cost, date, lotText, clock.GetUtcNow());
                db.Moves.Add(record);
                move.MarkCancelled();
            }
            open.Remove(move);
            if (done.Value.Backorder is { } backorder)
            {
                var existing = await db.Moves.SingleOrDefaultAsync(m => m.MoveId == backorder.Id, ct);
                if (existing is null)
                {
                    var rest = new OrderMove(order.Id, line.Id, backorder.Id, backorder.Number, "delivery", backorder.Quantity, backorder.Reserved);
                    db.Moves.Add(rest);
                    open.Add(rest);
                }
                else
                {
                    existing.Reopen(backorder.Quantity, backorder.Reserved);
                    open.Add(existing);
                }
            }
            line.AddCost(done.Value.Cost);
            shipped.Add(new ShippedLine(done.Value.Done.Id, done.Value.Done.Number, line.ProductId, request.Quantity, lots));
        }
        outbox.Publish(new ShipmentDone(order.CompanyId, order.Id, order.Number, order.PartyId, date, shipped));
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(order, ct);
    }

    /// <summary>Invoices delivered (services: ordered) quantities through the ledger: gap-free number, receivable, revenue and tax.</summary>
    public async Task<Result<OrderDto>> InvoiceAsync(Guid id, InvoiceInput input, CancellationToken ct)
    {
        var requested = input.Lines ?? [];
        var errors = new FieldErrors().OrderLines(requested);
        if (errors.Any)
            return errors.ToError();
        await using var unit = await session.BeginAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return Error.NotFound("Sales order");
        var lines = requested.Count > 0 ? requested
            : order.Lines.Where(l => l.Invoiceable > l.Invoiced).OrderBy(l => l.LineNumber).Select(l => new InvoiceLineInput(l.Id, l.Invoiceable - l.Invoiced)).ToList();
        if (lines.Count == 0)
            return Error.Conflict("nothing_to_invoice", $"{order.Number} has nothing delivered that is not invoiced yet.");
        var documentLines = new List<CustomerDocumentLine>();
        foreach (var request in lines)
        {
            order.Invoice(request.OrderLineId, request.Quantity);
            var line = order.Line(request.OrderLineId);
            documentLines.Add(new CustomerDocumentLine(line.Description, request.Quantity, line.NetUnitPrice, RevenueAccount, line.TaxId));
        }
        var terms = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.PartyId == order.PartyId, ct);
        var date = input.Date ?? company.Today;
        var posted = await accounting.PostCustomerDocumentAsync(new CustomerDocumentRequest(InvoiceKind.CustomerInvoice, order.PartyId, date, order.Currency.Value,
            order.Number, documentLines, terms?.PaymentTermId), ct);
        if (!posted.IsSuccess)
            return posted.Error!;
        db.Invoices.Add(new OrderInvoice(order.Id, posted.Value.Id, posted.Value.Number, "invoice", date, posted.Value.Total.Amount, null, clock.GetUtcNow()));
        order.AddInvoicedAmount(posted.Value.Total.Amount);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(order, ct);
    }

    /// <summary>Cancels an order nothing was delivered or invoiced on, releasing its reservations in the same transaction.</summary>
    public async Task<Result<OrderDto>> CancelAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return Error.NotFound("Sales order");
        order.Cancel();
        foreach (var move in await db.Moves.Where(m => m.OrderId == order.Id && m.Status == "reserved").ToListAsync(ct))
        {
            var cancelled = await inventory.CancelMoveAsync(move.MoveId, ct);
            if (!cancelled.IsSuccess)
                return cancelled.Error!;
            move.MarkCancelled();
        }
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(order, ct);
    }

    /// <summary>Closes an invoiced order; one whose invoices are all paid is marked paid first.</summary>
    public async Task<Result<OrderDto>> CloseAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return Error.NotFound("Sales order");
        await RefreshPaidAsync(order, ct);
        order.Close();
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(order, ct);
    }

    /// <summary>An invoiced order whose invoices are all paid (nothing open) becomes paid.</summary>
    public async Task RefreshPaidAsync(SalesOrder order, CancellationToken ct)
    {
        if (order.Status != SalesOrderStatus.Invoiced)
            return;
        var ids = await db.Invoices.AsNoTracking().Where(i => i.OrderId == order.Id && i.Kind == "invoice").Select(i => i.InvoiceId).ToListAsync(ct);
        if (ids.Count == 0)
            return;
        var standings = await accounting.GetInvoicesAsync(ids, ct);
        if (standings.Count == ids.Count && standings.All(s => s.Open.Amount == 0m))
            order.MarkPaid();
    }

    public async Task<OrderDto> ToDtoAsync(SalesOrder order, CancellationToken ct)
    {
        var c = order.Currency;
        var customer = await parties.FindAsync(order.PartyId, ct);
        var moves = await db.Moves.AsNoTracking().Where(m => m.OrderId == order.Id).OrderBy(m => m.DoneAt == null).ThenBy(m => m.MoveNumber).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.OrderId == order.Id).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var standings = invoices.Count == 0 ? new Dictionary<Guid, InvoiceStanding>()
            : (await accounting.GetInvoicesAsync(invoices.Select(i => i.InvoiceId).ToList(), ct)).ToDictionary(s => s.Id);
        return new OrderDto(order.Id, order.Number, SalesOrder.Describe(order.Status), order.PartyId, customer?.Name, order.AccountId, order.OpportunityId, order.QuoteId,
            order.QuoteNumber, order.WarehouseId, c, order.OrderDate, order.PromiseDate, order.Notes, new Money(order.Untaxed, c), new Money(order.Tax, c),
            new Money(order.Total, c), new Money(order.InvoicedAmount, c),
            order.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLineDto(l.Id, l.LineNumber, l.ProductId, l.Description, l.IsService, l.Quantity, l.Unit,
                new Money(l.UnitPrice, c), l.DiscountPercent, new Money(l.NetUnitPrice, c), l.TaxRate, new Money(l.Net, c), new Money(l.TaxAmount, c), new Money(l.Gross, c),
                l.PromiseDate, l.Delivered, order.Status == SalesOrderStatus.Cancelled ? 0m : l.Backorder, l.Invoiced, l.Returned)).ToList(),
            moves.Select(m => new OrderMoveDto(m.MoveId, m.MoveNumber, m.LineId, m.Kind, m.Status, m.Quantity, m.Reserved, m.DoneDate, m.Lots)).ToList(),
            invoices.Select(i => new OrderInvoiceDto(i.InvoiceId, i.Number, i.Kind, i.Date, new Money(i.Total, c),
                standings.TryGetValue(i.InvoiceId, out var s) ? s.Open : null)).ToList(),
            _proposals, order.Version);
    }
}
