using Tandem.Crm.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Crm.Domain;

/// <summary>An ordered sequence of sales stages; every opportunity moves along one pipeline.</summary>
internal sealed class Pipeline : Entity
{
    private readonly List<PipelineStage> _stages = [];

    private Pipeline()
    {
    }

    public string Name { get; private set; } = "";
    public bool IsDefault { get; private set; }
    public IReadOnlyList<PipelineStage> Stages => _stages;

    /// <summary>Stages in order; the pipeline must end with exactly one won and one lost stage.</summary>
    public static Pipeline Create(string name, bool isDefault, IReadOnlyList<StageDefinition> stages)
    {
        if (stages.Count(s => s.Kind == StageKind.Won) != 1 || stages.Count(s => s.Kind == StageKind.Lost) != 1 || stages.All(s => s.Kind != StageKind.Open))
            throw new BusinessRuleException(new Error("pipeline_stages_invalid", "A pipeline needs open stages, one won stage and one lost stage."));
        var pipeline = new Pipeline { Name = name.Trim(), IsDefault = isDefault };
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var probability = s.Kind switch { StageKind.Won => 100, StageKind.Lost => 0, _ => s.Probability };
            pipeline._stages.Add(new PipelineStage(pipeline.Id, s.Name.Trim(), i + 1, probability, s.Kind));
        }
        return pipeline;
    }

    public PipelineStage FirstOpenStage => _stages.Where(s => s.Kind == StageKind.Open).MinBy(s => s.Order)!;

    public PipelineStage Stage(StageKind kind) => _stages.First(s => s.Kind == kind);

    /// <summary>The three stages a new company starts with.</summary>
    public static Pipeline Default() => Create("Sales", true,
    [
        new("Qualification", 10, StageKind.Open),
        new("Needs analysis", 25, StageKind.Open),
        new("Proposal", 50, StageKind.Open),
        new("Negotiation", 75, StageKind.Open),
        new("Won", 100, StageKind.Won),
        new("Lost", 0, StageKind.Lost),
    ]);
}

internal sealed record StageDefinition(string Name, int Probability, StageKind Kind);

internal sealed class PipelineStage : Entity
{
    private PipelineStage()
    {
    }

    public PipelineStage(Guid pipelineId, string name, int order, int probability, StageKind kind)
    {
        PipelineId = pipelineId;
        Name = name;
        Order = order;
        Probability = probability;
        Kind = kind;
    }

    public Guid PipelineId { get; private set; }
    public string Name { get; private set; } = "";
    public int Order { get; private set; }

    /// <summary>The default chance of winning, in percent, that an opportunity takes on entering the stage.</summary>
    public int Probability { get; private set; }
    public StageKind Kind { get; private set; }
}
