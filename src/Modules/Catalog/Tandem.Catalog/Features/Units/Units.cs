using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Data;
using Tandem.Catalog.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Features.Units;

public sealed record UnitDto(Guid Id, string Code, string Name, string Dimension, decimal Factor);

/// <summary>A unit: <c>factor</c> is how many of the dimension's base unit one of it holds (box of 12: 12).</summary>
public sealed record UnitInput(string Code, string Name, string Dimension, decimal Factor);

public sealed record Conversion(decimal Quantity, string From, string To, decimal Result);

internal sealed class UnitCatalog(CatalogDb db)
{
    public async Task<IReadOnlyList<UnitDto>> ListAsync(CancellationToken ct) =>
        await db.Units.AsNoTracking().OrderBy(u => u.Dimension).ThenBy(u => u.Code)
            .Select(u => new UnitDto(u.Id, u.Code, u.Name, u.Dimension, u.Factor))
            .ToListAsync(ct);

    public async Task<Result<UnitDto>> CreateAsync(UnitInput input, CancellationToken ct)
    {
        if (UnitOfMeasure.Validate(input.Code, input.Name, input.Dimension, input.Factor) is { } invalid)
            return invalid;
        var code = input.Code.Trim();
        if (await db.Units.AnyAsync(u => u.Code == code, ct))
            return Error.Conflict("unit_exists", $"The unit {code} already exists.");
        var unit = UnitOfMeasure.Create(input.Code, input.Name, input.Dimension, input.Factor);
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return new UnitDto(unit.Id, unit.Code, unit.Name, unit.Dimension, unit.Factor);
    }

    public async Task<Result<Conversion>> ConvertAsync(decimal quantity, string? from, string? to, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Code == from || u.Code == to).ToListAsync(ct);
        var source = units.FirstOrDefault(u => u.Code == from);
        var target = units.FirstOrDefault(u => u.Code == to);
        var errors = new FieldErrors().When(source is null, "from", "No such unit.").When(target is null, "to", "No such unit.");
        if (errors.Any)
            return new Error("unknown_unit", "There is no such unit.") { Fields = errors.ToError().Fields };
        return source!.Convert(quantity, target!).Map(result => new Conversion(quantity, source.Code, target!.Code, result));
    }
}

internal static class UnitEndpoints
{
    public static void Map(IEndpointRouteBuilder catalog)
    {
        var units = catalog.MapGroup("/units").WithTags("Catalog");
        units.MapGet("/", async (UnitCatalog units, CancellationToken ct) => Results.Ok(await units.ListAsync(ct)))
            .RequireAuthorization(CatalogPermissions.Read)
            .WithName("ListUnits")
            .WithSummary("Units of measure by dimension");
        units.MapPost("/", async (UnitInput input, UnitCatalog units, CancellationToken ct) =>
                (await units.CreateAsync(input, ct)).ToHttp(u => Results.Created($"/api/v1/catalog/units/{u.Id}", u)))
            .RequireAuthorization(CatalogPermissions.Write)
            .WithName("CreateUnit")
            .WithSummary("Add a unit of measure with its factor to the dimension's base unit");
        units.MapGet("/convert", async (decimal quantity, string from, string to, UnitCatalog units, CancellationToken ct) =>
                (await units.ConvertAsync(quantity, from, to, ct)).ToHttp())
            .RequireAuthorization(CatalogPermissions.Read)
            .WithName("ConvertUnits")
            .WithSummary("Convert a quantity between two units of the same dimension");
    }
}
