using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Numbering;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Contracts;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Features.Orders;

/// <summary>A line to order; without a unit price the best valid supplier price applies.</summary>
internal sealed record OrderLineInput(Guid ProductId, decimal Quantity, Money? UnitPrice = null, string? Description = null);

/// <summary>The body of a draft order (a request for quotation); without an expected date, the order date plus the product lead times.</summary>
internal sealed record OrderInput(Guid SupplierId, Guid WarehouseId, string? Currency, DateOnly? OrderDate, DateOnly? ExpectedDate, string? Reference, IReadOnlyList<OrderLineInput>? Lines);

internal sealed record OrderLineDto(
    Guid Id, int LineNumber, Guid ProductId, string Description, decimal Quantity, Money UnitPrice, Money Amount, decimal Received, decimal Billed, decimal Backorder);

internal sealed record ReceiptLineDto(Guid Id, Guid OrderLineId, Guid ProductId, decimal Quantity, decimal Returned, string MoveNumber, string? Lots);

internal sealed record ReceiptDto(Guid Id, string Number, Guid OrderId, DateOnly Date, bool IsReturn, Guid? ReturnOfId, string? Note, IReadOnlyList<ReceiptLineDto> Lines);

internal sealed record OrderDto(
    Guid Id, string? Number, string Status, Guid SupplierId, string? SupplierName, Guid WarehouseId, CurrencyCode Currency, DateOnly OrderDate,
    DateOnly ExpectedDate, string? Reference, Money Total, bool NeedsApproval, string? ApprovedBy, decimal Backorder,
    IReadOnlyList<OrderLineDto> Lines, IReadOnlyList<ReceiptDto> Receipts, long Version);

internal sealed record OrderRow(Guid Id, string? Number, string Status, Guid SupplierId, string? SupplierName, DateOnly OrderDate, DateOnly ExpectedDate, Money Total, long Version);

/// <summary>Drafts, confirms, approves, closes and cancels purchase orders.</summary>
internal sealed class OrderHandler(
    PurchasingDb db, DbSession session, DocumentNumbers numbers, PurchasingCompany company, ICatalogModule catalog, IPartiesModule parties,
    IInventoryModule inventory, IOutbox outbox, ICurrentUser user, TimeProvider clock)
{
    public const string Sequence = "purchase-order";
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "PO", Yearly: true);
    public const int MaxLines = 500;

    internal static readonly SortMap<PurchaseOrder> Sorts = new SortMap<PurchaseOrder>("-orderDate")
        .Add("orderDate", o => o.OrderDate)
        .Add("expectedDate", o => o.ExpectedDate)
        .Add("createdAt", o => o.CreatedAt);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Result<Page<OrderRow>>> ListAsync(string? status, Guid? supplierId, string? number, PageRequest page, CancellationToken ct)
    {
        var query = db.Orders.AsNoTracking();
        if (number is { Length: > 0 })
        {
            if (number.Length > 20)
                return Error.Validation("number", "At most 20 characters.");
            var prefix = number.Trim().ToUpperInvariant();
            query = query.Where(o => o.Number != null && o.Number.StartsWith(prefix));
        }
        if (status is { Length: > 0 })
        {
            if (status == "open")
            {
                query = query.Where(o => o.Status == OrderStatus.Approved || o.Status == OrderStatus.PartiallyReceived);
            }
            else
            {
                if (ParseStatus(status) is not { } parsed)
                    return Error.Validation("status", "open, draft, to_approve, approved, partially_received, received, closed or cancelled.");
                query = query.Where(o => o.Status == parsed);
            }
        }
        if (supplierId is { } s)
            query = query.Where(o => o.SupplierId == s);
        var result = await query.ToPageAsync(page, Sorts, o => new { o.Id, o.Number, o.Status, o.SupplierId, o.OrderDate, o.ExpectedDate, o.Total, o.Currency, o.Version }, ct);
        if (!result.IsSuccess)
            return result.Error!;
        var names = (await parties.FindManyAsync(result.Value.Items.Select(o => o.SupplierId).Distinct().ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);
        return new Page<OrderRow>(
            result.Value.Items.Select(o => new OrderRow(o.Id, o.Number, PurchaseOrder.Describe(o.Status), o.SupplierId, names.GetValueOrDefault(o.SupplierId),
                o.OrderDate, o.ExpectedDate, new Money(o.Total, o.Currency), o.Version)).ToList(),
            result.Value.NextCursor);
    }

    public static OrderStatus? ParseStatus(string text) =>
        Enum.GetValues<OrderStatus>().Cast<OrderStatus?>().FirstOrDefault(s => PurchaseOrder.Describe(s!.Value) == text);

    public async Task<Result<OrderDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? Error.NotFound("Purchase order") : await ToDtoAsync(order, ct);
    }

    public async Task<Result<OrderDto>> CreateAsync(OrderInput input, CancellationToken ct)
    {
        var prepared = await PrepareAsync(input, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        await using var unit = await session.BeginAsync(ct);
        var order = PurchaseOrder.Draft(prepared.Value.Header, prepared.Value.Lines, clock.GetUtcNow());
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(order, ct);
    }

    public async Task<Result<OrderDto>> UpdateAsync(Guid id, OrderInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return Error.NotFound("Purchase order");
        if (checkVersion(order.Version) is { } stale)
            return stale;
        if (order.Status != OrderStatus.Draft)
            return Error.Conflict("order_not_draft", $"{order.Number} is confirmed; only a draft changes.");
        var prepared = await PrepareAsync(input, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        await using var unit = await session.BeginAsync(ct);
        order.Change(prepared.Value.Header, prepared.Value.Lines);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(order, ct);
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return Error.NotFound("Purchase order");
        if (order.Status != OrderStatus.Draft)
            return Error.Conflict("order_not_draft", $"{order.Number} is confirmed; cancel it instead.");
        db.Orders.Remove(order);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Numbers the draft gap-free and approves it, or sends it for approval when its total reaches the threshold.</summary>
    public Task<Result<OrderDto>> ConfirmAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async (order, token) =>
        {
            if (order.Status != OrderStatus.Draft)
                return Error.Conflict("order_not_draft", $"{order.Number} is already confirmed.");
            var threshold = await ThresholdAsync(order.Currency, token);
            var number = await numbers.NextAsync(NumberFormat, order.OrderDate.Year, token);
            order.Confirm(number, threshold, user.DisplayName, clock.GetUtcNow());
            if (order.Status == OrderStatus.Approved)
                outbox.Publish(new PurchaseOrderApproved(order.CompanyId, order.Id, order.Number!, order.SupplierId, new Money(order.Total, order.Currency)));
            return null;
        }, ct);

    public Task<Result<OrderDto>> ApproveAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, (order, _) =>
        {
            order.ApproveAsApprover(user.DisplayName, clock.GetUtcNow());
            outbox.Publish(new PurchaseOrderApproved(order.CompanyId, order.Id, order.Number!, order.SupplierId, new Money(order.Total, order.Currency)));
            return Task.FromResult<Error?>(null);
        }, ct);

    public Task<Result<OrderDto>> CancelAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, (order, _) =>
        {
            order.Cancel();
            return Task.FromResult<Error?>(null);
        }, ct);

    public Task<Result<OrderDto>> CloseAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, (order, _) =>
        {
            order.Close();
            return Task.FromResult<Error?>(null);
        }, ct);

    /// <summary>
    /// The approval threshold for an order in the currency. An order in another currency cannot be compared with it:
    /// it goes to an approver whenever approval is required at all.
    /// </summary>
    private async Task<decimal> ThresholdAsync(CurrencyCode currency, CancellationToken ct)
    {
        var settings = await company.SettingsAsync(ct);
        return currency == await company.CurrencyAsync(ct) || settings.ApprovalThreshold == 0 ? settings.ApprovalThreshold : 0.0001m;
    }

    private async Task<Result<OrderDto>> ActAsync(Guid id, Func<PurchaseOrder, CancellationToken, Task<Error?>> action, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return Error.NotFound("Purchase order");
        if (await action(order, ct) is { } refused)
            return refused;
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(order, ct);
    }

    internal sealed record Prepared(OrderHeader Header, IReadOnlyList<OrderLineDraft> Lines);

    internal async Task<Result<Prepared>> PrepareAsync(OrderInput input, CancellationToken ct)
    {
        var lines = input.Lines ?? [];
        var errors = new FieldErrors()
            .When(input.SupplierId == Guid.Empty, "supplierId", "Required.")
            .When(input.WarehouseId == Guid.Empty, "warehouseId", "Required.")
            .When(input.Currency is not null && !CurrencyCode.IsValid(input.Currency), "currency", "A three-letter ISO 4217 code.")
            .Optional("reference", input.Reference, 100)
            .When(lines.Count == 0, "lines", "At least one line.")
            .When(lines.Count > MaxLines, "lines", $"At most {MaxLines} lines.")
            .When(input.ExpectedDate is { } e && input.OrderDate is { } o && e < o, "expectedDate", "On or after the order date.");
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            var line = lines[i];
            if (line is null)
            {
                errors.Add($"lines[{i}]", "Required.");
                continue;
            }
            errors.When(line.ProductId == Guid.Empty, $"lines[{i}].productId", "Required.")
                .When(line.Quantity <= 0 || line.Quantity > 1_000_000_000m || decimal.Round(line.Quantity, 4) != line.Quantity, $"lines[{i}].quantity", "A positive quantity with at most 4 decimals.")
                .When(line.UnitPrice is { } p && (p.Amount < 0 || p.Amount > 1_000_000_000m || decimal.Round(p.Amount, 4) != p.Amount), $"lines[{i}].unitPrice", "From 0 with at most 4 decimals.")
                .Optional($"lines[{i}].description", line.Description, 200);
        }
        if (errors.Any)
            return errors.ToError();
        var currency = await company.CurrencyAsync(ct);
        // Receipts are valued in the company currency at the order's price, so orders are in it too.
        if (input.Currency is not null && !string.Equals(input.Currency, currency.Value, StringComparison.OrdinalIgnoreCase))
            return new Error("currency_mismatch", $"Purchase orders are in the company currency, {currency}.") { Fields = new Dictionary<string, string[]> { ["currency"] = [$"{currency}."] } };
        if (lines.FirstOrDefault(l => l.UnitPrice is { } p && p.Currency != currency) is { } other)
            return new Error("currency_mismatch", $"The order is in {currency}; a line's price is in {other.UnitPrice!.Value.Currency}.") { Fields = new Dictionary<string, string[]> { ["lines"] = [$"Prices in {currency}."] } };
        var supplier = await parties.FindAsync(input.SupplierId, ct);
        if (supplier is null)
            return new Error("supplier_unknown", "No such party in this company.", ErrorKind.NotFound);
        if (!supplier.IsSupplier)
            return new Error("party_not_supplier", $"{supplier.Name} is not a supplier.");
        if (await inventory.FindWarehouseAsync(input.WarehouseId, ct) is null)
            return Error.NotFound("Warehouse");
        var orderDate = input.OrderDate ?? Today;
        var drafts = new List<OrderLineDraft>();
        var lead = 0;
        var productIds = lines.Select(l => l.ProductId).Distinct().ToList();
        var prices = await db.Prices.AsNoTracking().Where(p => productIds.Contains(p.ProductId) && p.SupplierId == input.SupplierId).ToListAsync(ct);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var product = await catalog.FindAsync(line.ProductId, ct);
            if (product is null)
                return new Error("not_found", $"Product {line.ProductId} was not found.", ErrorKind.NotFound) { Fields = new Dictionary<string, string[]> { [$"lines[{i}].productId"] = ["Unknown."] } };
            decimal unitPrice;
            if (line.UnitPrice is { } given)
            {
                unitPrice = given.Amount;
            }
            else
            {
                var offers = prices.Where(p => p.ProductId == line.ProductId && p.Currency == currency)
                    .Select(p => new PriceOffer(p.SupplierId, p.MinQuantity, p.UnitPrice, p.Currency, p.ValidFrom, p.ValidTo));
                var best = SupplierChoice.Best(offers, line.Quantity, orderDate, currency, input.SupplierId);
                if (best is null)
                {
                    return new Error("price_missing", $"{supplier.Name} has no valid {currency} price for {product.Sku} at {line.Quantity:0.####}; give the unit price.")
                    {
                        Fields = new Dictionary<string, string[]> { [$"lines[{i}].unitPrice"] = ["Required: no supplier price applies."] },
                    };
                }
                unitPrice = best.UnitPrice;
            }
            if (product.Kind == ProductKind.Goods)
                lead = Math.Max(lead, (await inventory.GetSupplyAsync(product.Id, ct)).LeadTimeDays);
            drafts.Add(new OrderLineDraft(product.Id, string.IsNullOrWhiteSpace(line.Description) ? $"{product.Sku} {product.Name}" : line.Description.Trim(), line.Quantity, unitPrice));
        }
        var expected = input.ExpectedDate ?? orderDate.AddDays(lead);
        return new Prepared(new OrderHeader(input.SupplierId, input.WarehouseId, currency, orderDate, expected, input.Reference), drafts);
    }

    public async Task<OrderDto> ToDtoAsync(PurchaseOrder order, CancellationToken ct)
    {
        var c = order.Currency;
        var receipts = await db.Receipts.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == order.Id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var supplier = await parties.FindAsync(order.SupplierId, ct);
        var open = order.Status is not (OrderStatus.Closed or OrderStatus.Cancelled);
        var threshold = await ThresholdAsync(c, ct);
        return new OrderDto(order.Id, order.Number, PurchaseOrder.Describe(order.Status), order.SupplierId, supplier?.Name, order.WarehouseId, c, order.OrderDate,
            order.ExpectedDate, order.Reference, new Money(order.Total, c), PurchaseOrder.NeedsApproval(order.Total, threshold), order.ApprovedBy,
            open ? order.Lines.Sum(l => l.Backorder) : 0m,
            order.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLineDto(l.Id, l.LineNumber, l.ProductId, l.Description, l.Quantity, new Money(l.UnitPrice, c),
                new Money(l.Amount, c), l.Received, l.Billed, open ? l.Backorder : 0m)).ToList(),
            receipts.Select(ToDto).ToList(), order.Version);
    }

    public static ReceiptDto ToDto(PurchaseReceipt r) =>
        new(r.Id, r.Number, r.OrderId, r.Date, r.IsReturn, r.ReturnOfId, r.Note,
            r.Lines.Select(l => new ReceiptLineDto(l.Id, l.OrderLineId, l.ProductId, l.Quantity, l.Returned, l.MoveNumber, l.Lots)).ToList());
}
