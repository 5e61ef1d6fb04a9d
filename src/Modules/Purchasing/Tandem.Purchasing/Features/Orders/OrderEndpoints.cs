using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Platform.Api;
using Tandem.Purchasing.Contracts;

namespace Tandem.Purchasing.Features.Orders;

internal static class OrderEndpoints
{
    public static void Map(IEndpointRouteBuilder purchasing)
    {
        var orders = purchasing.MapGroup("/orders");
        orders.MapGet("/", async (int? limit, string? after, string? sort, string? status, Guid? supplier, string? number, OrderHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(status, supplier, number, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(PurchasingPermissions.Read).WithName("ListPurchaseOrders")
            .WithSummary("Purchase orders, newest first; status=open lists those still to receive, number=PO2025 those whose number starts so");
        orders.MapGet("/{id:guid}", async (Guid id, OrderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, o => o.Version))
            .RequireAuthorization(PurchasingPermissions.Read).WithName("GetPurchaseOrder")
            .WithSummary("One order with its lines (ordered, received, billed, backorder) and its receipts");
        orders.MapPost("/", async (OrderInput input, OrderHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(o => Results.Created($"/api/v1/purchasing/orders/{o.Id}", o)))
            .RequireAuthorization(PurchasingPermissions.Operate).WithName("CreatePurchaseOrder")
            .WithSummary("Draft an order (a request for quotation); lines without a price take the supplier's best valid price");
        orders.MapPut("/{id:guid}", async (Guid id, OrderInput input, OrderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, o => o.Version))
            .RequireAuthorization(PurchasingPermissions.Operate).WithName("UpdatePurchaseOrder").WithSummary("Change a draft (If-Match)");
        orders.MapDelete("/{id:guid}", async (Guid id, OrderHandler handler, CancellationToken ct) =>
                (await handler.DeleteAsync(id, ct)).ToHttp(_ => Results.NoContent()))
            .RequireAuthorization(PurchasingPermissions.Operate).WithName("DeletePurchaseOrder").WithSummary("Delete a draft");
        orders.MapPost("/{id:guid}/confirm", async (Guid id, OrderHandler handler, CancellationToken ct) => (await handler.ConfirmAsync(id, ct)).ToHttp())
            .RequireAuthorization(PurchasingPermissions.Operate).WithName("ConfirmPurchaseOrder")
            .WithSummary("Number the order gap-free; approved at once below the company's approval threshold, to_approve from it");
        orders.MapPost("/{id:guid}/approve", async (Guid id, OrderHandler handler, CancellationToken ct) => (await handler.ApproveAsync(id, ct)).ToHttp())
            .RequireAuthorization(PurchasingPermissions.Approve).WithName("ApprovePurchaseOrder").WithSummary("Approve an order waiting for approval");
        orders.MapPost("/{id:guid}/cancel", async (Guid id, OrderHandler handler, CancellationToken ct) => (await handler.CancelAsync(id, ct)).ToHttp())
            .RequireAuthorization(PurchasingPermissions.Operate).WithName("CancelPurchaseOrder").WithSummary("Cancel an order nothing was received on");
        orders.MapPost("/{id:guid}/close", async (Guid id, OrderHandler handler, CancellationToken ct) => (await handler.CloseAsync(id, ct)).ToHttp())
            .RequireAuthorization(PurchasingPermissions.Operate).WithName("ClosePurchaseOrder")
            .WithSummary("Close an approved order: what is still on backorder will not come");
    }
}
