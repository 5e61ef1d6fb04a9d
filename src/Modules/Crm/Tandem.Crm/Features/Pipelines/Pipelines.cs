using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Pipelines;

public sealed record StageDto(Guid Id, string Name, int Order, int Probability, StageKind Kind);

public sealed record PipelineDto(Guid Id, string Name, bool IsDefault, IReadOnlyList<StageDto> Stages);

public sealed record StageInput(string Name, int Probability, StageKind Kind = StageKind.Open);

public sealed record PipelineInput(string Name, IReadOnlyList<StageInput> Stages);

internal sealed class PipelinesHandler(CrmDb db, DbSession session)
{
    public async Task<IReadOnlyList<PipelineDto>> ListAsync(CancellationToken ct) =>
        (await db.Pipelines.AsNoTracking().OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name).ToListAsync(ct)).Select(ToDto).ToList();

    public async Task<Result<PipelineDto>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Pipelines.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } pipeline ? ToDto(pipeline) : Error.NotFound("Pipeline");

    /// <summary>The company's default pipeline, created on first use so every company has one.</summary>
    public async Task<Pipeline> DefaultAsync(CancellationToken ct)
    {
        if (await db.Pipelines.OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name).FirstOrDefaultAsync(ct) is { } existing)
            return existing;
        await using var unit = await session.BeginAsync(ct);
        var pipeline = Pipeline.Default();
        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return pipeline;
    }

    public async Task<Result<PipelineDto>> CreateAsync(PipelineInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", input.Name, 100);
        var stages = input.Stages ?? [];
        errors.When(stages.Count is < 3 or > 20, "stages", "Between 3 and 20 stages.");
        for (var i = 0; i < stages.Count; i++)
        {
            errors.Required($"stages[{i}].name", stages[i].Name, 100)
                .When(stages[i].Probability is < 0 or > 100, $"stages[{i}].probability", "A percentage from 0 to 100.")
                .When(!Enum.IsDefined(stages[i].Kind), $"stages[{i}].kind", "open, won or lost.");
        }
        if (errors.Any)
            return errors.ToError();
        if (await db.Pipelines.AnyAsync(p => p.Name == input.Name.Trim(), ct))
            return Error.Conflict("pipeline_name_taken", "A pipeline with this name exists.");
        await DefaultAsync(ct);
        await using var unit = await session.BeginAsync(ct);
        var pipeline = Pipeline.Create(input.Name, false, stages.Select(s => new StageDefinition(s.Name, s.Probability, s.Kind)).ToList());
        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(pipeline);
    }

    internal static PipelineDto ToDto(Pipeline p) =>
        new(p.Id, p.Name, p.IsDefault, p.Stages.OrderBy(s => s.Order).Select(s => new StageDto(s.Id, s.Name, s.Order, s.Probability, s.Kind)).ToList());
}

internal static class PipelinesEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var pipelines = crm.MapGroup("/pipelines").WithTags("CRM pipelines");
        pipelines.MapGet("/", async (PipelinesHandler handler, CancellationToken ct) =>
            {
                await handler.DefaultAsync(ct);
                return Results.Ok(await handler.ListAsync(ct));
            })
            .RequireAuthorization(CrmPermissions.Read).WithName("ListPipelines").WithSummary("List pipelines with their ordered stages");
        pipelines.MapGet("/{id:guid}", async (Guid id, PipelinesHandler handler, CancellationToken ct) => (await handler.GetAsync(id, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithName("GetPipeline").WithSummary("Read one pipeline");
        pipelines.MapPost("/", async (PipelineInput input, PipelinesHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(p => Results.Created($"/api/v1/crm/pipelines/{p.Id}", p)))
            .RequireAuthorization(CrmPermissions.Manage).WithName("CreatePipeline").WithSummary("Create a pipeline: ordered stages with default probabilities, one won and one lost");
    }
}
