using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Catalog.Contracts;
using Tandem.Crm.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Platform.Api;
using Tandem.Platform.Numbering;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Sales.Contracts;
using Tandem.Sales.Data;
using Tandem.Sales.Domain;
using Tandem.Sales.Features.Credit;
using Tandem.Sales.Features.Orders;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Quotes;

/// <summary>
/// A line to quote: without a unit price the customer's price list (else the list price) applies; the unit defaults
/// to the product's; the tax by id.
/// </summary>
internal sealed record QuoteLineInput(Guid ProductId, decimal Quantity, string? Unit = null, Money? UnitPrice = null, decimal? DiscountPercent = null, Guid? TaxId = null,
    string? Description = null);

/// <summary>
/// A quote for an opportunity, an account or a customer party (one of them); the currency, price list and warehouse
/// come from the customer's sales settings unless given; valid 30 days unless a date is given.
/// </summary>
internal sealed record QuoteInput(
    Guid? OpportunityId, Guid? AccountId, Guid? CustomerId, Guid? WarehouseId, string? Currency, DateOnly? QuoteDate, DateOnly? ValidUntil, string? Notes,
    IReadOnlyList<QuoteLineInput>? Lines);

internal sealed record QuoteLineDto(
    Guid Id, int LineNumber, Guid ProductId, string Description, bool IsService, decimal Quantity, string Unit, Money UnitPrice, string PriceSource,
    decimal DiscountPercent, Money NetUnitPrice, Guid? TaxId, string? TaxCode, decimal TaxRate, Money Net, Money Tax, Money Gross, DateOnly PromiseDate, string PromiseBasis);

internal sealed record QuoteDto(
    Guid Id, string Number, int Revision, Guid? PreviousId, string Status, Guid CustomerId, string? CustomerName, Guid? AccountId, Guid? OpportunityId,
    Guid WarehouseId, CurrencyCode Currency, DateOnly QuoteDate, DateOnly ValidUntil, string? Notes, string? RejectionReason, Money Untaxed, Money Tax, Money Total,
    DateOnly? ShipCompleteDate, Guid? OrderId, DateTimeOffset? SentAt, IReadOnlyList<QuoteLineDto> Lines, IReadOnlyList<QuoteRevisionDto> Revisions, long Version);

/// <summary>A quote as it would be saved, priced, taxed and promised line by line, with nothing written.</summary>
internal sealed record QuotePreviewDto(CurrencyCode Currency, Money Untaxed, Money Tax, Money Total, DateOnly? ShipCompleteDate, IReadOnlyList<QuoteLineDto> Lines);

internal sealed record QuoteRevisionDto(Guid Id, int Revision, string Status, Money Total, DateTimeOffset CreatedAt);

internal sealed record QuoteRow(Guid Id, string Number, int Revision, string Status, Guid CustomerId, string? CustomerName, DateOnly QuoteDate, DateOnly ValidUntil, Money Total, DateOnly? ShipCompleteDate);

internal sealed record AcceptInput(bool RequestApproval = false);

internal sealed record RejectInput(string? Reason);

/// <summary>The outcome of an acceptance: the order made, or the credit approval it waits for.</summary>
internal sealed record AcceptOutcome(OrderDto? Order, ApprovalDto? Approval);

/// <summary>Drafts, revises, accepts and rejects quotes.</summary>
internal sealed class QuoteHandler(
    SalesDb db, DbSession session, DocumentNumbers numbers, SalesCompany company, ICatalogModule catalog, IPartiesModule parties, ICrmModule crm,
    IInventoryModule inventory, IAccountingModule accounting, CreditCheck credit, OrderHandler orders, IOutbox outbox, TimeProvider clock)
{
    public const string Sequence = "sales-quote";
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "Q", Yearly: true);
    public const int MaxLines = 200;

    internal static readonly SortMap<Quote> Sorts = new SortMap<Quote>("-quoteDate")
        .Add("quoteDate", q => q.QuoteDate)
        .Add("validUntil", q => q.ValidUntil)
        .Add("createdAt", q => q.CreatedAt);

    public async Task<Result<Page<QuoteRow>>> ListAsync(string? status, Guid? customerId, Guid? opportunityId, PageRequest page, CancellationToken ct)
    {
        var query = db.Quotes.AsNoTracking();
        var today = company.Today;
        switch (status)
        {
            case null or "":
                break;
            case "open":
                query = query.Where(q => q.Status == QuoteStatus.Open && q.ValidUntil >= today);
                break;
            case "expired":
                query = query.Where(q => q.Status == QuoteStatus.Open && q.ValidUntil < today);
                break;
            default:
                if (Enum.GetValues<QuoteStatus>().Cast<QuoteStatus?>().FirstOrDefault(s => Quote.Describe(s!.Value) == status) is not { } parsed)
                    return Error.Validation("status", "open, expired, accepted, rejected or revised.");
                query = query.Where(q => q.Status == parsed);
                break;
        }
        if (customerId is { } c)
            query = query.Where(q => q.PartyId == c);
        if (opportunityId is { } o)
            query = query.Where(q => q.OpportunityId == o);
        var result = await query.ToPageAsync(page, Sorts,
            q => new { q.Id, q.Number, q.Revision, q.Status, q.PartyId, q.QuoteDate, q.ValidUntil, q.Total, q.Currency, q.ShipCompleteDate }, ct);
        if (!result.IsSuccess)
            return result.Error!;
        var names = (await parties.FindManyAsync(result.Value.Items.Select(q => q.PartyId).Distinct().ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);
        return new Page<QuoteRow>(
            result.Value.Items.Select(q => new QuoteRow(q.Id, q.Number, q.Revision, Quote.Describe(q.Status, q.ValidUntil, today), q.PartyId, names.GetValueOrDefault(q.PartyId),
                q.QuoteDate, q.ValidUntil, new Money(q.Total, q.Currency), q.ShipCompleteDate)).ToList(),
            result.Value.NextCursor);
    }

    public async Task<Result<QuoteDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var quote = await db.Quotes.AsNoTracking().Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct);
        return quote is null ? Error.NotFound("Quote") : await ToDtoAsync(quote, ct);
    }

    public async Task<Result<QuoteDto>> CreateAsync(QuoteInput input, CancellationToken ct)
    {
        var prepared = await PrepareAsync(input, null, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        await using var unit = await session.BeginAsync(ct);
        var number = await numbers.NextAsync(NumberFormat, prepared.Value.Header.QuoteDate.Year, ct);
        var quote = Quote.Draft(number, prepared.Value.Header, prepared.Value.Lines, clock.GetUtcNow());
        db.Quotes.Add(quote);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(quote, ct);
    }

    /// <summary>
    /// The quote the input would make (or, with <paramref name="revising"/>, the revision), priced, taxed and promised by
    /// the same rules as saving it, with nothing written: the new-quote screen shows it while the rep types.
    /// </summary>
    public async Task<Result<QuotePreviewDto>> PreviewAsync(QuoteInput input, Guid? revising, CancellationToken ct)
    {
        Quote? current = null;
        if (revising is { } id && (current = await db.Quotes.AsNoTracking().Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct)) is null)
            return Error.NotFound("Quote");
        var prepared = await PrepareAsync(input, current, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        var quote = Quote.Draft("", prepared.Value.Header, prepared.Value.Lines, clock.GetUtcNow());
        var c = quote.Currency;
        return new QuotePreviewDto(c, new Money(quote.Untaxed, c), new Money(quote.Tax, c), new Money(quote.Total, c), quote.ShipCompleteDate, LineDtos(quote));
    }

    /// <summary>A new revision with the body given; the customer, account and opportunity stay those of the quote.</summary>
    public async Task<Result<QuoteDto>> ReviseAsync(Guid id, QuoteInput input, CancellationToken ct)
    {
        var current = await db.Quotes.Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (current is null)
            return Error.NotFound("Quote");
        var prepared = await PrepareAsync(input, current, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        await using var unit = await session.BeginAsync(ct);
        var next = current.Revise(prepared.Value.Header, prepared.Value.Lines, clock.GetUtcNow());
        db.Quotes.Add(next);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(next, ct);
    }

    public async Task<Result<QuoteDto>> RejectAsync(Guid id, RejectInput input, CancellationToken ct)
    {
        if (input.Reason is { Length: > 400 })
            return Error.Validation("reason", "At most 400 characters.");
        await using var unit = await session.BeginAsync(ct);
        var quote = await db.Quotes.Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null)
            return Error.NotFound("Quote");
        quote.Reject(input.Reason ?? "", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(quote, ct);
    }

    /// <summary>
    /// The customer accepts: checked for validity and credit, then the quote becomes a draft sales order in the same
    /// transaction, and <see cref="QuoteAccepted"/> goes out so the CRM marks the opportunity won.
    /// </summary>
    public async Task<Result<AcceptOutcome>> AcceptAsync(Guid id, AcceptInput input, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var quote = await db.Quotes.Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null)
            return Error.NotFound("Quote");
        var today = company.Today;
        quote.EnsureAcceptable(today);
        var check = await credit.CheckAsync(quote.PartyId, "quote", quote.Id, quote.Label, new Money(quote.Total, quote.Currency), null, input.RequestApproval, ct);
        if (check.Refusal is { } refused)
            return refused;
        if (check.RequestedApproval is { } approval)
        {
            await db.SaveChangesAsync(ct);
            await unit.CommitAsync(ct);
            return new AcceptOutcome(null, ApprovalDto.From(approval, null));
        }
        var number = await numbers.NextAsync(OrderHandler.NumberFormat, today.Year, ct);
        var order = SalesOrder.FromQuote(quote, number, today, clock.GetUtcNow());
        quote.Accept(order.Id, today, clock.GetUtcNow());
        db.Orders.Add(order);
        outbox.Publish(new QuoteAccepted(quote.CompanyId, quote.Id, quote.Number, quote.Revision, quote.PartyId, quote.AccountId, quote.OpportunityId, order.Id, order.Number,
            new Money(order.Total, order.Currency)));
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new AcceptOutcome(await orders.ToDtoAsync(order, ct), null);
    }

    public async Task<Result<CreditFigures>> CreditAsync(Guid id, CancellationToken ct)
    {
        var quote = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, ct);
        return quote is null ? Error.NotFound("Quote") : await credit.FiguresAsync(quote.PartyId, new Money(quote.Total, quote.Currency), ct);
    }

    internal sealed record Prepared(QuoteHeader Header, IReadOnlyList<PricedLine> Lines);

    internal async Task<Result<Prepared>> PrepareAsync(QuoteInput input, Quote? revising, CancellationToken ct)
    {
        var lines = input.Lines ?? [];
        var sources = new[] { input.OpportunityId, input.AccountId, input.CustomerId }.Count(s => s is not null);
        var errors = new FieldErrors()
            .When(revising is null && sources == 0, "customerId", "Give the opportunity, the account or the customer.")
            .When(revising is null && sources > 1, "customerId", "Give only one of opportunity, account and customer.")
            .When(input.Currency is not null && !CurrencyCode.IsValid(input.Currency), "currency", "A three-letter ISO 4217 code.")
            .Optional("notes", input.Notes, 4000)
            .When(lines.Count == 0, "lines", "At least one line.")
            .When(lines.Count > MaxLines, "lines", $"At most {MaxLines} lines.")
            .When(input.ValidUntil is { } v && input.QuoteDate is { } d && v < d, "validUntil", "On or after the quote date.");
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
                .When(line.DiscountPercent is < 0 or > 100 || (line.DiscountPercent is { } dp && decimal.Round(dp, 2) != dp), $"lines[{i}].discountPercent", "From 0 to 100 with at most 2 decimals.")
                .Optional($"lines[{i}].unit", line.Unit, 20)
                .Optional($"lines[{i}].description", line.Description, 200);
        }
        if (errors.Any)
            return errors.ToError();

        Guid partyId;
        Guid? accountId = null, opportunityId = null;
        if (revising is not null)
        {
            (partyId, accountId, opportunityId) = (revising.PartyId, revising.AccountId, revising.OpportunityId);
        }
        else if (input.OpportunityId is { } oid)
        {
            var opportunity = await crm.FindOpportunityAsync(oid, ct);
            if (opportunity is null)
                return new Error("not_found", "Opportunity was not found.", ErrorKind.NotFound) { Fields = Field("opportunityId", "Unknown.") };
            if (opportunity.Status != "open")
                return new Error("opportunity_closed", $"The opportunity is {opportunity.Status}.", ErrorKind.Conflict);
            (partyId, accountId, opportunityId) = (opportunity.PartyId, opportunity.AccountId, opportunity.Id);
        }
        else if (input.AccountId is { } aid)
        {
            var account = await crm.FindAccountAsync(aid, ct);
            if (account is null)
                return new Error("not_found", "Account was not found.", ErrorKind.NotFound) { Fields = Field("accountId", "Unknown.") };
            (partyId, accountId) = (account.PartyId, account.Id);
        }
        else
        {
            var party = await parties.FindAsync(input.CustomerId!.Value, ct);
            if (party is null)
                return new Error("not_found", "Customer was not found.", ErrorKind.NotFound) { Fields = Field("customerId", "Unknown.") };
            partyId = party.Id;
        }

        var terms = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.PartyId == partyId, ct);
        var currency = input.Currency is { } given ? new CurrencyCode(given.ToUpperInvariant())
            : terms?.Currency is { } kept ? new CurrencyCode(kept) : await company.CurrencyAsync(ct);
        var warehouseId = input.WarehouseId ?? terms?.WarehouseId ?? revising?.WarehouseId;
        if (warehouseId is null)
        {
            var warehouses = await inventory.ListWarehousesAsync(ct);
            if (warehouses.Count == 0)
                return new Error("warehouse_missing", "The company has no warehouse to ship from.") { Fields = Field("warehouseId", "Required.") };
            warehouseId = warehouses[0].Id;
        }
        else if (await inventory.FindWarehouseAsync(warehouseId.Value, ct) is null)
        {
            return new Error("not_found", "Warehouse was not found.", ErrorKind.NotFound) { Fields = Field("warehouseId", "Unknown.") };
        }
        var quoteDate = input.QuoteDate ?? company.Today;
        var validUntil = input.ValidUntil ?? quoteDate.AddDays(30);
        var taxes = lines.Any(l => l.TaxId is not null) ? (await accounting.ListTaxesAsync(ct)).ToDictionary(t => t.Id) : [];

        var priced = new List<PricedLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var product = await catalog.FindAsync(line.ProductId, ct);
            if (product is null)
                return new Error("not_found", $"Product {line.ProductId} was not found.", ErrorKind.NotFound) { Fields = Field($"lines[{i}].productId", "Unknown.") };
            LineTax? tax = null;
            if (line.TaxId is { } taxId)
            {
                if (!taxes.TryGetValue(taxId, out var found))
                    return new Error("tax_unknown", "No such active tax.", ErrorKind.Validation) { Fields = Field($"lines[{i}].taxId", "Unknown.") };
                tax = new LineTax(found.Id, found.Code, found.Rate, found.PriceIncludesTax);
            }
            decimal quantity, unitPrice;
            string source;
            if (line.UnitPrice is { } manual)
            {
                if (manual.Currency != currency)
                    return new Error("currency_mismatch", $"The quote is in {currency}; the line's price is in {manual.Currency}.") { Fields = Field($"lines[{i}].unitPrice", $"In {currency}.") };
                if (line.Unit is { Length: > 0 } unit && !string.Equals(unit, product.Unit, StringComparison.OrdinalIgnoreCase))
                {
                    var converted = await catalog.ToProductUnitAsync(product.Id, line.Quantity, unit, ct);
                    if (!converted.IsSuccess)
                        return converted.Error! with { Fields = Field($"lines[{i}].unit", converted.Error!.Message) };
                    quantity = converted.Value;
                }
                else
                {
                    quantity = line.Quantity;
                }
                (unitPrice, source) = (manual.Amount, "manual");
            }
            else
            {
                var price = await catalog.QuotePriceAsync(new PriceQuery(product.Id, line.Quantity, quoteDate, terms?.PriceList, line.Unit), ct);
                if (!price.IsSuccess)
                    return price.Error! with { Fields = Field($"lines[{i}].productId", price.Error!.Message) };
                if (price.Value.UnitPrice.Currency != currency)
                {
                    return new Error("currency_mismatch", $"{product.Sku} is priced in {price.Value.UnitPrice.Currency}, the quote is in {currency}; give the unit price.")
                    {
                        Fields = Field($"lines[{i}].unitPrice", $"Required in {currency}."),
                    };
                }
                (quantity, unitPrice, source) = (price.Value.Quantity, price.Value.UnitPrice.Amount, price.Value.Source);
            }
            var isService = product.Kind == ProductKind.Service;
            DateOnly promise;
            string basis;
            if (isService)
            {
                (promise, basis) = (quoteDate, "service");
            }
            else
            {
                var atp = await inventory.PromiseAsync(new AtpQuery(product.Id, quantity, warehouseId), ct);
                if (!atp.IsSuccess)
                    return atp.Error! with { Fields = Field($"lines[{i}].quantity", atp.Error!.Message) };
                (promise, basis) = (atp.Value.Date < quoteDate ? quoteDate : atp.Value.Date, atp.Value.Basis);
            }
            priced.Add(new PricedLine(product.Id, isService, string.IsNullOrWhiteSpace(line.Description) ? $"{product.Sku} {product.Name}" : line.Description.Trim(),
                quantity, product.Unit, unitPrice, source, line.DiscountPercent ?? 0m, tax, promise, basis));
        }
        return new Prepared(new QuoteHeader(partyId, accountId, opportunityId, warehouseId.Value, currency, quoteDate, validUntil, input.Notes), priced);
    }

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };

    private static List<QuoteLineDto> LineDtos(Quote quote)
    {
        var c = quote.Currency;
        return quote.Lines.OrderBy(l => l.LineNumber).Select(l => new QuoteLineDto(l.Id, l.LineNumber, l.ProductId, l.Description, l.IsService, l.Quantity, l.Unit,
            new Money(l.UnitPrice, c), l.PriceSource, l.DiscountPercent, new Money(l.NetUnitPrice, c), l.TaxId, l.TaxCode, l.TaxRate, new Money(l.Net, c),
            new Money(l.TaxAmount, c), new Money(l.Gross, c), l.PromiseDate, l.PromiseBasis)).ToList();
    }

    public async Task<QuoteDto> ToDtoAsync(Quote quote, CancellationToken ct)
    {
        var c = quote.Currency;
        var customer = await parties.FindAsync(quote.PartyId, ct);
        var revisions = await db.Quotes.AsNoTracking().Where(q => q.Number == quote.Number).OrderBy(q => q.Revision)
            .Select(q => new { q.Id, q.Revision, q.Status, q.Total, q.CreatedAt, q.ValidUntil }).ToListAsync(ct);
        var today = company.Today;
        return new QuoteDto(quote.Id, quote.Number, quote.Revision, quote.PreviousId, Quote.Describe(quote.Status, quote.ValidUntil, today), quote.PartyId, customer?.Name,
            quote.AccountId, quote.OpportunityId, quote.WarehouseId, c, quote.QuoteDate, quote.ValidUntil, quote.Notes, quote.RejectionReason,
            new Money(quote.Untaxed, c), new Money(quote.Tax, c), new Money(quote.Total, c), quote.ShipCompleteDate, quote.OrderId, quote.SentAt,
            LineDtos(quote),
            revisions.Select(r => new QuoteRevisionDto(r.Id, r.Revision, Quote.Describe(r.Status, r.ValidUntil, today), new Money(r.Total, c), r.CreatedAt)).ToList(),
            quote.Version);
    }
}
