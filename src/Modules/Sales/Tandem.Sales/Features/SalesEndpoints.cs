using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Platform.Api;
using Tandem.Sales.Contracts;
using Tandem.Sales.Features.Credit;
using Tandem.Sales.Features.Customers;
using Tandem.Sales.Features.Orders;
using Tandem.Sales.Features.Quotes;
using Tandem.Sales.Features.Returns;

namespace Tandem.Sales.Features;

internal static class SalesEndpoints
{
    public static void Map(IEndpointRouteBuilder sales)
    {
        MapQuotes(sales.MapGroup("/quotes"));
        MapOrders(sales.MapGroup("/orders"));
        MapApprovals(sales.MapGroup("/approvals"));
        MapReturns(sales.MapGroup("/returns"));
        var customers = sales.MapGroup("/customers");
        customers.MapGet("/{id:guid}/terms", async (Guid id, CustomerTermsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, t => t.Version))
            .RequireAuthorization(SalesPermissions.Read).WithName("GetCustomerSalesTerms").WithSummary("A customer's price list, currency, warehouse and payment term");
        customers.MapPut("/{id:guid}/terms", async (Guid id, CustomerTermsInput input, CustomerTermsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SetAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, t => t.Version))
            .RequireAuthorization(SalesPermissions.Write).WithName("SetCustomerSalesTerms").WithSummary("Set a customer's sales terms (If-Match; * for the first time)");
    }

    private static void MapQuotes(RouteGroupBuilder quotes)
    {
        quotes.MapGet("/", async (int? limit, string? after, string? sort, string? status, Guid? customer, Guid? opportunity, QuoteHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(status, customer, opportunity, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Read).WithName("ListQuotes").WithSummary("Quotes, newest first; status=open|expired|accepted|rejected|revised");
        quotes.MapGet("/{id:guid}", async (Guid id, QuoteHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, q => q.Version))
            .RequireAuthorization(SalesPermissions.Read).WithName("GetQuote").WithSummary("One quote revision with its lines, promise dates and the list of revisions");
        quotes.MapGet("/{id:guid}/credit", async (Guid id, QuoteHandler handler, CancellationToken ct) => (await handler.CreditAsync(id, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Read).WithName("GetQuoteCredit").WithSummary("The customer's credit exposure with this quote, against the limit");
        quotes.MapGet("/{id:guid}/document", async (Guid id, string? format, QuoteDocuments documents, CancellationToken ct) =>
                format is "pdf"
                    ? (await documents.PdfAsync(id, ct)).ToHttp(pdf => Results.File(pdf, "application/pdf", $"quote-{id}.pdf"))
                    : (await documents.HtmlAsync(id, ct)).ToHttp(html => Results.Content(html, "text/html; charset=utf-8")))
            .RequireAuthorization(SalesPermissions.Read).WithName("GetQuoteDocument").WithSummary("The printable quote: HTML with print styles, or format=pdf");
        quotes.MapPost("/{id:guid}/send", async (Guid id, SendInput input, QuoteDocuments documents, CancellationToken ct) => (await documents.SendAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Write).WithName("SendQuote").WithSummary("Email the quote with its PDF; the message leaves after the change commits");
        quotes.MapPost("/", async (QuoteInput input, QuoteHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(q => Results.Created($"/api/v1/sales/quotes/{q.Id}", q)))
            .RequireAuthorization(SalesPermissions.Write).WithName("CreateQuote")
            .WithSummary("Quote from an opportunity, an account or a customer; prices from the customer's price list, promise dates from stock");
        quotes.MapPost("/preview", async (QuoteInput input, Guid? revise, QuoteHandler handler, CancellationToken ct) =>
                (await handler.PreviewAsync(input, revise, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Write).WithName("PreviewQuote")
            .WithSummary("The quote (or with revise=id, the revision) the body would make, priced, taxed and promised, with nothing saved");
        quotes.MapPost("/{id:guid}/revise", async (Guid id, QuoteInput input, QuoteHandler handler, CancellationToken ct) =>
                (await handler.ReviseAsync(id, input, ct)).ToHttp(q => Results.Created($"/api/v1/sales/quotes/{q.Id}", q)))
            .RequireAuthorization(SalesPermissions.Write).WithName("ReviseQuote").WithSummary("A new revision of an open quote; the old one is kept, read-only");
        quotes.MapPost("/{id:guid}/accept", async (Guid id, AcceptInput? input, QuoteHandler handler, CancellationToken ct) =>
                (await handler.AcceptAsync(id, input ?? new AcceptInput(), ct)).ToHttp(o => o.Order is { } order
                    ? Results.Created($"/api/v1/sales/orders/{order.Id}", order)
                    : Results.Json(o.Approval, statusCode: StatusCodes.Status202Accepted)))
            .RequireAuthorization(SalesPermissions.Write).WithName("AcceptQuote")
            .WithSummary("The customer accepts: credit checked, the quote becomes a sales order (201); with requestApproval over the limit, 202 with the approval request");
        quotes.MapPost("/{id:guid}/reject", async (Guid id, RejectInput input, QuoteHandler handler, CancellationToken ct) => (await handler.RejectAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Write).WithName("RejectQuote").WithSummary("The customer rejects, with the reason");
    }

    private static void MapOrders(RouteGroupBuilder orders)
    {
        orders.MapGet("/", async (int? limit, string? after, string? sort, string? status, Guid? customer, string? number, OrderHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(status, customer, number, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Read).WithName("ListSalesOrders")
            .WithSummary("Sales orders, newest first; status=to_deliver|to_invoice or a status");
        orders.MapGet("/{id:guid}", async (Guid id, OrderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, o => o.Version))
            .RequireAuthorization(SalesPermissions.Read).WithName("GetSalesOrder").WithSummary("One order with its lines, moves, invoices and lineage");
        orders.MapPost("/{id:guid}/confirm", async (Guid id, ConfirmInput? input, OrderHandler handler, CancellationToken ct) =>
                (await handler.ConfirmAsync(id, input ?? new ConfirmInput(), ct)).ToHttp(o => o.Order is { } order
                    ? Results.Ok(order)
                    : Results.Json(o.Approval, statusCode: StatusCodes.Status202Accepted)))
            .RequireAuthorization(SalesPermissions.Fulfil).WithName("ConfirmSalesOrder")
            .WithSummary("Credit check, reserve stock (one delivery per goods line), propose purchases for shortages; send Idempotency-Key to retry safely");
        orders.MapPost("/{id:guid}/deliveries", async (Guid id, DeliveryInput input, OrderHandler handler, CancellationToken ct) =>
                (await handler.DeliverAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Fulfil).WithName("DeliverSalesOrder").WithSummary("Ship all or part; the rest stays as a reserved backorder");
        orders.MapPost("/{id:guid}/invoices", async (Guid id, InvoiceInput input, OrderHandler handler, CancellationToken ct) =>
                (await handler.InvoiceAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Invoice).WithName("InvoiceSalesOrder").WithSummary("Invoice delivered quantities (ordered for services)");
        orders.MapPost("/{id:guid}/cancel", async (Guid id, OrderHandler handler, CancellationToken ct) => (await handler.CancelAsync(id, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Fulfil).WithName("CancelSalesOrder").WithSummary("Cancel an order with nothing delivered; its reservations are released");
        orders.MapPost("/{id:guid}/close", async (Guid id, OrderHandler handler, CancellationToken ct) => (await handler.CloseAsync(id, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Invoice).WithName("CloseSalesOrder").WithSummary("Close an invoiced order");
        orders.MapPost("/{id:guid}/returns", async (Guid id, ReturnInput input, ReturnHandler handler, CancellationToken ct) =>
                (await handler.AuthoriseAsync(id, input, ct)).ToHttp(r => Results.Created($"/api/v1/sales/returns/{r.Id}", r)))
            .RequireAuthorization(SalesPermissions.Write).WithName("AuthoriseSalesReturn").WithSummary("Authorise the customer to send delivered goods back");
    }

    private static void MapApprovals(RouteGroupBuilder approvals)
    {
        approvals.MapGet("/", async (string? status, ApprovalHandler handler, CancellationToken ct) => (await handler.ListAsync(status, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Read).WithName("ListCreditApprovals").WithSummary("Credit approvals, newest first; status=pending for the queue");
        approvals.MapPost("/{id:guid}/approve", async (Guid id, DecisionInput input, ApprovalHandler handler, CancellationToken ct) =>
                (await handler.ApproveAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Approve).WithName("ApproveCredit").WithSummary("Approve: the acceptance or confirmation may go ahead");
        approvals.MapPost("/{id:guid}/reject", async (Guid id, DecisionInput input, ApprovalHandler handler, CancellationToken ct) =>
                (await handler.RejectAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Approve).WithName("RejectCredit").WithSummary("Refuse the credit, with a note");
    }

    private static void MapReturns(RouteGroupBuilder returns)
    {
        returns.MapGet("/", async (Guid? order, ReturnHandler handler, CancellationToken ct) => (await handler.ListAsync(order, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Read).WithName("ListSalesReturns").WithSummary("Return authorisations, newest first");
        returns.MapGet("/{id:guid}", async (Guid id, ReturnHandler handler, CancellationToken ct) => (await handler.GetAsync(id, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Read).WithName("GetSalesReturn").WithSummary("One return authorisation");
        returns.MapPost("/{id:guid}/receive", async (Guid id, ReceiveReturnInput input, ReturnHandler handler, CancellationToken ct) =>
                (await handler.ReceiveAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Fulfil).WithName("ReceiveSalesReturn").WithSummary("The goods are back: into stock at the cost they left at");
        returns.MapPost("/{id:guid}/credit-note", async (Guid id, CreditNoteInput input, ReturnHandler handler, CancellationToken ct) =>
                (await handler.CreditAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(SalesPermissions.Invoice).WithName("CreditSalesReturn").WithSummary("Issue the credit note for a received return");
    }
}
