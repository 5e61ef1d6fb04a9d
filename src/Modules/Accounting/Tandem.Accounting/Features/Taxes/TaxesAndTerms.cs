using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Taxes;

public sealed record TaxDto(Guid Id, string Code, string Name, decimal Rate, bool PriceIncludesTax, Guid SalesAccountId, Guid PurchaseAccountId);

public sealed record TaxInput(string? Code, string? Name, decimal Rate, bool PriceIncludesTax, Guid SalesAccountId, Guid PurchaseAccountId);

public sealed record InstalmentDto(InstalmentKind Kind, decimal Percent, int Days, bool EndOfMonth);

public sealed record PaymentTermDto(Guid Id, string Code, string Name, IReadOnlyList<InstalmentDto> Instalments);

public sealed record PaymentTermInput(string? Code, string? Name, IReadOnlyList<InstalmentDto>? Instalments);

/// <summary>Defines taxes and payment terms; both are referenced by code from documents and never change once used.</summary>
internal sealed class TaxesAndTermsHandler(AccountingDb db)
{
    public async Task<IReadOnlyList<TaxDto>> ListTaxesAsync(CancellationToken ct) =>
        await db.Taxes.AsNoTracking().OrderBy(t => t.Code)
            .Select(t => new TaxDto(t.Id, t.Code, t.Name, t.Rate, t.PriceIncludesTax, t.SalesAccountId, t.PurchaseAccountId)).ToListAsync(ct);

    public async Task<Result<TaxDto>> DefineTaxAsync(TaxInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("code", input.Code, 20)
            .Required("name", input.Name, 100)
            .When(input.Rate < 0 || input.Rate > 100 || decimal.Round(input.Rate, 4) != input.Rate, "rate", "A percent from 0 to 100 with at most 4 decimals.");
        if (errors.Any)
            return errors.ToError();
        var accounts = new[] { input.SalesAccountId, input.PurchaseAccountId };
        var found = await db.Accounts.CountAsync(a => accounts.Contains(a.Id), ct);
        if (found != accounts.Distinct().Count())
            return new Error("account_unknown", "The sales and purchase tax accounts must exist.");
        if (await db.Taxes.AnyAsync(t => t.Code == input.Code!.Trim(), ct))
            return Error.Conflict("tax_code_taken", $"Tax {input.Code!.Trim()} already exists.");
        var tax = Tax.Define(input.Code!, input.Name!, input.Rate, input.PriceIncludesTax, input.SalesAccountId, input.PurchaseAccountId);
        db.Taxes.Add(tax);
        await db.SaveChangesAsync(ct);
        return new TaxDto(tax.Id, tax.Code, tax.Name, tax.Rate, tax.PriceIncludesTax, tax.SalesAccountId, tax.PurchaseAccountId);
    }

    public async Task<IReadOnlyList<PaymentTermDto>> ListTermsAsync(CancellationToken ct) =>
        (await db.PaymentTerms.AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct)).Select(ToDto).ToList();

    public async Task<Result<PaymentTermDto>> DefineTermAsync(PaymentTermInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("code", input.Code, 20).Required("name", input.Name, 100)
            .When(input.Instalments is null, "instalments", "Required.");
        if (errors.Any)
            return errors.ToError();
        var instalments = input.Instalments!.Select(i => new Instalment(i.Kind, i.Kind == InstalmentKind.Remainder ? 0m : i.Percent, i.Days, i.EndOfMonth)).ToList();
        if (PaymentTerm.Validate(instalments) is { } invalid)
            return invalid;
        if (await db.PaymentTerms.AnyAsync(t => t.Code == input.Code!.Trim(), ct))
            return Error.Conflict("payment_term_code_taken", $"Payment term {input.Code!.Trim()} already exists.");
        var term = PaymentTerm.Define(input.Code!, input.Name!, instalments);
        db.PaymentTerms.Add(term);
        await db.SaveChangesAsync(ct);
        return ToDto(term);
    }

    private static PaymentTermDto ToDto(PaymentTerm t) =>
        new(t.Id, t.Code, t.Name, t.Parse().Select(i => new InstalmentDto(i.Kind, i.Percent, i.Days, i.EndOfMonth)).ToList());
}

internal static class TaxesAndTermsEndpoints
{
    public static void Map(IEndpointRouteBuilder accounting)
    {
        accounting.MapGet("/taxes", async (TaxesAndTermsHandler handler, CancellationToken ct) => Results.Ok(await handler.ListTaxesAsync(ct)))
            .RequireAuthorization(AccountingPermissions.Read).WithName("ListTaxes").WithSummary("The company's taxes");
        accounting.MapPost("/taxes", async (TaxInput input, TaxesAndTermsHandler handler, CancellationToken ct) =>
                (await handler.DefineTaxAsync(input, ct)).ToHttp(t => Results.Created($"/api/v1/accounting/taxes/{t.Id}", t)))
            .RequireAuthorization(AccountingPermissions.Manage).WithName("DefineTax").WithSummary("Define a percentage tax and its accounts");
        accounting.MapGet("/payment-terms", async (TaxesAndTermsHandler handler, CancellationToken ct) => Results.Ok(await handler.ListTermsAsync(ct)))
            .RequireAuthorization(AccountingPermissions.Read).WithName("ListPaymentTerms").WithSummary("The company's payment terms");
        accounting.MapPost("/payment-terms", async (PaymentTermInput input, TaxesAndTermsHandler handler, CancellationToken ct) =>
                (await handler.DefineTermAsync(input, ct)).ToHttp(t => Results.Created($"/api/v1/accounting/payment-terms/{t.Id}", t)))
            .RequireAuthorization(AccountingPermissions.Manage).WithName("DefinePaymentTerm").WithSummary("Define a payment term of instalments");
    }
}
