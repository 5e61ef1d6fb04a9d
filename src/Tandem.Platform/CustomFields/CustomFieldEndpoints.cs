using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Platform.Security;
using Tandem.SharedKernel;

namespace Tandem.Platform.CustomFields;

/// <summary>Defines the company's custom fields per record type.</summary>
public sealed partial class CustomFieldAdministration(PlatformDb db, ICompanyContext company, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<CustomFieldDto>>> ListAsync(string? recordType, CancellationToken ct)
    {
        if (recordType is not null && !CustomFieldRecordTypes.All.Contains(recordType))
            return Error.Validation("recordType", $"One of: {string.Join(", ", CustomFieldRecordTypes.All)}.");
        var companyId = company.CompanyId;
        var query = db.CustomFields.AsNoTracking().Where(f => f.CompanyId == companyId);
        if (recordType is not null)
            query = query.Where(f => f.RecordType == recordType);
        var fields = await query.OrderBy(f => f.RecordType).ThenBy(f => f.Position).ThenBy(f => f.Key).ToListAsync(ct);
        return fields.Select(CustomFieldDto.From).ToList();
    }

    public async Task<Result<CustomFieldDto>> DefineAsync(CustomFieldInput input, CancellationToken ct)
    {
        var options = (input.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
        var errors = new FieldErrors()
            .When(!CustomFieldRecordTypes.All.Contains(input.RecordType ?? ""), "recordType", $"One of: {string.Join(", ", CustomFieldRecordTypes.All)}.")
            .When(input.Key is null || !KeyPattern().IsMatch(input.Key), "key", "Lower-case letters, digits and underscores, starting with a letter, at most 40.")
            .Required("label", input.Label, 100)
            .When(!Enum.IsDefined(input.Type), "type", "text, number, date, choice or boolean.")
            .When(input.Type == CustomFieldType.Choice && options.Count == 0, "options", "A choice needs at least one option.")
            .When(input.Type != CustomFieldType.Choice && options.Count > 0, "options", "Only a choice has options.")
            .When(options.Count > 50, "options", "At most 50 options.")
            .When(options.Any(o => o.Length is 0 or > 100), "options", "Each option has 1 to 100 characters.")
            .When(options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count, "options", "Options must differ.");
        if (errors.Any)
            return errors.ToError();
        var companyId = company.CompanyId;
        if (await db.CustomFields.AnyAsync(f => f.CompanyId == companyId && f.RecordType == input.RecordType && f.Key == input.Key, ct))
            return Error.Conflict("custom_field_key_taken", $"A {input.RecordType} field with key {input.Key} already exists.");
        var field = new CustomFieldDefinition
        {
            CompanyId = companyId, RecordType = input.RecordType!, Key = input.Key!, Label = input.Label.Trim(), Type = input.Type,
            Required = input.Required, Options = options, Position = input.Position, CreatedAt = clock.GetUtcNow(),
        };
        db.CustomFields.Add(field);
        await db.SaveChangesAsync(ct);
        return CustomFieldDto.From(field);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex KeyPattern();
}

public static class CustomFieldEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var fields = api.MapGroup("/platform/custom-fields").WithTags("Custom fields");
        fields.MapGet("/", async (string? recordType, CustomFieldAdministration admin, CancellationToken ct) =>
                (await admin.ListAsync(recordType, ct)).ToHttp())
            .RequireAuthorization(PlatformPermissions.ReadCustomFields)
            .WithName("ListCustomFields")
            .WithSummary("The custom fields defined for a record type (party, product, lead ...)");
        fields.MapPost("/", async (CustomFieldInput input, CustomFieldAdministration admin, CancellationToken ct) =>
                (await admin.DefineAsync(input, ct)).ToHttp(field => Results.Created($"/api/v1/platform/custom-fields/{field.Id}", field)))
            .RequireAuthorization(PlatformPermissions.ManageCustomFields)
            .WithName("DefineCustomField")
            .WithSummary("Define a typed custom field (text, number, date, choice, boolean) for a record type");
    }
}
