using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Platform.Api;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Contracts;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;
using Tandem.Purchasing.Features.Orders;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Features.Receipts;

/// <summary>What arrived of one order line, with its lots or serials for a tracked product.</summary>
internal sealed record ReceiveLineInput(Guid OrderLineId, decimal Quantity, IReadOnlyList<LotEntry>? Lots = null);

internal sealed record ReceiveInput(DateOnly? Date, string? Note, IReadOnlyList<ReceiveLineInput>? Lines);

/// <summary>What goes back of one line of a receipt, with the lots or serials it is taken from.</summary>
internal sealed record ReturnLineInput(Guid ReceiptLineId, decimal Quantity, IReadOnlyList<LotEntry>? Lots = null);

internal sealed record ReturnInput(DateOnly? Date, string? Note, IReadOnlyList<ReturnLineInput>? Lines);

/// <summary>
/// Receives goods against approved purchase orders and returns them to the supplier. Each line is a done stock move
/// made through Inventory in this transaction, so the stock, its valuation, the ledger posting and the order's
/// received quantities commit together or not at all.
/// </summary>
internal sealed class ReceiptHandler(
    PurchasingDb db, DbSession session, DocumentNumbers numbers, PurchasingCompany company, IInventoryModule inventory, ICatalogModule catalog,
    TimeProvider clock)
{
    public const string Sequence = "purchase-receipt";
    public const string ReturnSequence = "purchase-return";
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "GR", Yearly: true);
    public static readonly DocumentNumberFormat ReturnNumberFormat = new(ReturnSequence, "RT", Yearly: true);
    public const int MaxLines = 500;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<ReceiptDto>> ListAsync(Guid? orderId, CancellationToken ct)
    {
        var query = db.Receipts.AsNoTracking().Include(r => r.Lines).AsQueryable();
        if (orderId is { } o)
            query = query.Where(r => r.OrderId == o);
        var receipts = await query.OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(ct);
        return receipts.Select(OrderHandler.ToDto).ToList();
    }

    public async Task<Result<ReceiptDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var receipt = await db.Receipts.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, ct);
        return receipt is null ? Error.NotFound("Receipt") : OrderHandler.ToDto(receipt);
    }

    public async Task<Result<ReceiptDto>> ReceiveAsync(Guid orderId, ReceiveInput input, CancellationToken ct)
    {
        var lines = input.Lines ?? [];
        var errors = Validate(lines.Count, input.Note);
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "Required.");
                continue;
            }
            errors.When(line.OrderLineId == Guid.Empty, $"lines[{i}].orderLineId", "Required.");
            ValidateLine(errors, $"lines[{i}]", line.Quantity, line.Lots);
        }
        if (errors.Any)
            return errors.ToError();

        await using var unit = await session.BeginAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
            return Error.NotFound("Purchase order");
        order.EnsureReceivable();
        var settings = await company.SettingsAsync(ct);
        var currency = await company.CurrencyAsync(ct);
        var date = input.Date ?? Today;
        var number = await numbers.NextAsync(NumberFormat, date.Year, ct);
        var receipt = PurchaseReceipt.Record(number, order, date, input.Note, null, clock.GetUtcNow());
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var orderLine = order.Lines.FirstOrDefault(l => l.Id == line.OrderLineId);
            if (orderLine is null)
                return UnknownLine($"lines[{i}].orderLineId", "order line");
            order.Receive(orderLine.Id, line.Quantity, settings.OverReceiptTolerancePercent);
            var (moveId, moveNumber) = (Guid.Empty, "");
            if (await IsStockedAsync(orderLine.ProductId, ct))
            {
                var move = await inventory.CreateReceiptAsync(new ReceiptRequest(
                    orderLine.ProductId, line.Quantity, null, order.WarehouseId, order.SupplierId, new Money(orderLine.UnitPrice, currency), date,
                    new SourceDocument("purchase_order", order.Id, orderLine.Id), Done: true, Lots: line.Lots, Reference: order.Number), ct);
                if (!move.IsSuccess)
                    return WithField(move.Error!, $"lines[{i}]");
                (moveId, moveNumber) = (move.Value.Id, move.Value.Number);
            }
            receipt.Add(orderLine, line.Quantity, moveId, moveNumber, Describe(line.Lots), null);
        }
        db.Receipts.Add(receipt);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return OrderHandler.ToDto(receipt);
    }

    public async Task<Result<ReceiptDto>> ReturnAsync(Guid receiptId, ReturnInput input, CancellationToken ct)
    {
        var lines = input.Lines ?? [];
        var errors = Validate(lines.Count, input.Note);
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "Required.");
                continue;
            }
            errors.When(line.ReceiptLineId == Guid.Empty, $"lines[{i}].receiptLineId", "Required.");
            ValidateLine(errors, $"lines[{i}]", line.Quantity, line.Lots);
        }
        if (errors.Any)
            return errors.ToError();

        await using var unit = await session.BeginAsync(ct);
        var original = await db.Receipts.Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == receiptId, ct);
        if (original is null)
            return Error.NotFound("Receipt");
        if (original.IsReturn)
            return Error.Conflict("receipt_is_return", $"{original.Number} is a return; return goods against the receipt they came in on.");
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == original.OrderId, ct);
        var settings = await company.SettingsAsync(ct);
        var date = input.Date ?? Today;
        var number = await numbers.NextAsync(ReturnNumberFormat, date.Year, ct);
        var back = PurchaseReceipt.Record(number, order, date, input.Note, original.Id, clock.GetUtcNow());
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var received = original.Lines.FirstOrDefault(l => l.Id == line.ReceiptLineId);
            if (received is null)
                return UnknownLine($"lines[{i}].receiptLineId", "receipt line");
            received.Return(line.Quantity);
            order.Receive(received.OrderLineId, -line.Quantity, settings.OverReceiptTolerancePercent);
            var (moveId, moveNumber) = (Guid.Empty, "");
            if (received.MoveId != Guid.Empty)
            {
                var move = await inventory.ReturnToSupplierAsync(new SupplierReturnRequest(
                    received.ProductId, line.Quantity, order.WarehouseId, order.SupplierId, date,
                    new SourceDocument("purchase_return", back.Id, received.Id), line.Lots, order.Number), ct);
                if (!move.IsSuccess)
                    return WithField(move.Error!, $"lines[{i}]");
                (moveId, moveNumber) = (move.Value.Id, move.Value.Number);
            }
            back.Add(order.Lines.Single(l => l.Id == received.OrderLineId), line.Quantity, moveId, moveNumber, Describe(line.Lots), received.Id);
        }
        db.Receipts.Add(back);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return OrderHandler.ToDto(back);
    }

    private async Task<bool> IsStockedAsync(Guid productId, CancellationToken ct) =>
        (await catalog.FindAsync(productId, ct))?.Kind == ProductKind.Goods;

    private static FieldErrors Validate(int count, string? note) =>
        new FieldErrors()
            .When(count == 0, "lines", "At least one line.")
            .When(count > MaxLines, "lines", $"At most {MaxLines} lines.")
            .Optional("note", note, 200);

    private static void ValidateLine(FieldErrors errors, string prefix, decimal quantity, IReadOnlyList<LotEntry>? lots) =>
        errors.When(quantity <= 0 || quantity > 1_000_000_000m || decimal.Round(quantity, 4) != quantity, $"{prefix}.quantity", "A positive quantity with at most 4 decimals.")
            .When(lots is { Count: > 10_000 }, $"{prefix}.lots", "At most 10,000 lots or serials.")
            .When(lots?.Any(l => l is null || (l.Lot?.Length ?? 0) > 60 || (l.Serial?.Length ?? 0) > 60 || l.Quantity is <= 0 or > 1_000_000_000m) == true,
                $"{prefix}.lots", "Each entry names a lot or serial of at most 60 characters and, if given, a positive quantity.");

    private static Error UnknownLine(string field, string what) =>
        new("not_found", $"The {what} was not found on this document.", ErrorKind.NotFound) { Fields = new Dictionary<string, string[]> { [field] = ["Unknown."] } };

    private static Error WithField(Error error, string field) =>
        error.Fields is null ? error with { Fields = new Dictionary<string, string[]> { [field] = [error.Message] } } : error;

    private static string? Describe(IReadOnlyList<LotEntry>? lots)
    {
        if (lots is not { Count: > 0 })
            return null;
        var text = string.Join(", ", lots.Select(l => l.Serial ?? (l.Quantity is { } q ? $"{l.Lot} × {q:0.####}" : l.Lot)));
        return text.Length > 2000 ? text[..1997] + "..." : text;
    }
}

internal static class ReceiptEndpoints
{
    public static void Map(IEndpointRouteBuilder purchasing)
    {
        purchasing.MapPost("/orders/{id:guid}/receipts", async (Guid id, ReceiveInput input, ReceiptHandler handler, CancellationToken ct) =>
                (await handler.ReceiveAsync(id, input, ct)).ToHttp(r => Results.Created($"/api/v1/purchasing/receipts/{r.Id}", r)))
            .RequireAuthorization(InventoryPermissions.Operate).WithName("ReceivePurchaseOrder")
            .WithSummary("Receive goods against an approved order, in part or in full, with lots or serials; 409 order_closed on a closed or cancelled order");
        purchasing.MapGet("/receipts", async (Guid? order, ReceiptHandler handler, CancellationToken ct) => Results.Ok(await handler.ListAsync(order, ct)))
            .RequireAuthorization(PurchasingPermissions.Read).WithName("ListPurchaseReceipts").WithSummary("Receipts and returns, newest first (500 at most)");
        purchasing.MapGet("/receipts/{id:guid}", async (Guid id, ReceiptHandler handler, CancellationToken ct) => (await handler.GetAsync(id, ct)).ToHttp())
            .RequireAuthorization(PurchasingPermissions.Read).WithName("GetPurchaseReceipt").WithSummary("One receipt or return with its lines and stock moves");
        purchasing.MapPost("/receipts/{id:guid}/returns", async (Guid id, ReturnInput input, ReceiptHandler handler, CancellationToken ct) =>
                (await handler.ReturnAsync(id, input, ct)).ToHttp(r => Results.Created($"/api/v1/purchasing/receipts/{r.Id}", r)))
            .RequireAuthorization(InventoryPermissions.Operate).WithName("ReturnToSupplier")
            .WithSummary("Send goods of a receipt back to the supplier: a stock move out at its value, lowering the order's received quantity");
    }
}
