using Tandem.Crm.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Crm.Domain;

/// <summary>A possible sale to an account, moving along a pipeline's stages until won or lost.</summary>
internal sealed class Opportunity : Entity, ISecuredRecord
{
    private readonly List<StageChange> _history = [];

    private Opportunity()
    {
    }

    public string Name { get; private set; } = "";
    public Guid AccountId { get; private set; }
    public Guid? ContactId { get; private set; }
    public Guid PipelineId { get; private set; }
    public Guid StageId { get; private set; }
    public StageKind StageKind { get; private set; }
    public int StageOrder { get; private set; }
    public int Probability { get; private set; }
    public Money Amount { get; private set; }

    /// <summary>Amount × probability, kept with the record so the forecast sums a column in SQL.</summary>
    public Money WeightedAmount { get; private set; }
    public DateOnly ExpectedCloseDate { get; private set; }

    /// <summary>yyyymm of the expected close date: the forecast's month, grouped in SQL on both providers.</summary>
    public int CloseMonth { get; private set; }
    public List<Guid> ProductIds { get; private set; } = [];
    public string? LossReason { get; private set; }
    public Guid? LeadId { get; private set; }
    public Guid? OwnerId { get; private set; }
    public Guid? TeamId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The values of the company's custom fields for this record type, as validated JSON.</summary>
    public string? CustomFields { get; private set; }
    public IReadOnlyList<StageChange> History => _history;

    public static Opportunity Open(
        string name, Guid accountId, Guid? contactId, PipelineStage stage, Money amount, DateOnly expectedClose,
        IEnumerable<Guid> productIds, Guid? leadId, Guid? ownerId, Guid? teamId, DateTimeOffset now)
    {
        if (stage.Kind != StageKind.Open)
            throw new BusinessRuleException(new Error("stage_not_open", "A new opportunity starts in an open stage."));
        var opportunity = new Opportunity
        {
            Name = name.Trim(), AccountId = accountId, ContactId = contactId, PipelineId = stage.PipelineId,
            ProductIds = productIds.Distinct().ToList(), LeadId = leadId, OwnerId = ownerId, TeamId = teamId, CreatedAt = now,
        };
        opportunity.Amount = amount;
        opportunity.ExpectedCloseDate = expectedClose;
        opportunity.CloseMonth = expectedClose.Year * 100 + expectedClose.Month;
        opportunity.Enter(stage, now);
        return opportunity;
    }

    public void Change(string name, Money amount, DateOnly expectedClose, IEnumerable<Guid> productIds, Guid? ownerId, Guid? teamId)
    {
        Name = name.Trim();
        Amount = amount;
        ExpectedCloseDate = expectedClose;
        CloseMonth = expectedClose.Year * 100 + expectedClose.Month;
        ProductIds = productIds.Distinct().ToList();
        OwnerId = ownerId;
        TeamId = teamId;
        WeightedAmount = Weigh(Amount, Probability);
    }

    public void SetCustomFields(string? values) => CustomFields = values;

    /// <summary>Moves to another open stage of the same pipeline; won and lost are reached through Win and Lose.</summary>
    public void MoveTo(PipelineStage stage, DateTimeOffset now)
    {
        EnsureOpen();
        if (stage.PipelineId != PipelineId)
            throw new BusinessRuleException(new Error("stage_not_in_pipeline", "The stage belongs to another pipeline."));
        if (stage.Kind != StageKind.Open)
            throw new BusinessRuleException(new Error("use_win_or_lose", "Mark the opportunity won or lost to close it."));
        if (stage.Id == StageId)
            return;
        Enter(stage, now);
    }

    public void Win(PipelineStage wonStage, DateTimeOffset now)
    {
        EnsureOpen();
        Enter(wonStage, now);
        ClosedAt = now;
    }

    /// <summary>Won through the customer's order: the amount becomes what was ordered.</summary>
    public void WinWithOrder(PipelineStage wonStage, Money orderAmount, DateTimeOffset now)
    {
        EnsureOpen();
        Amount = orderAmount;
        Win(wonStage, now);
    }

    public void Lose(PipelineStage lostStage, string reason, DateTimeOffset now)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(reason))
            throw new BusinessRuleException(new Error("loss_reason_required", "Say why the opportunity was lost.", ErrorKind.Validation)
            {
                Fields = new Dictionary<string, string[]> { ["reason"] = ["Required."] },
            });
        Enter(lostStage, now);
        LossReason = reason.Trim();
        ClosedAt = now;
    }

    public void RepointAccount(Guid accountId, Guid? contactId)
    {
        AccountId = accountId;
        ContactId = contactId;
    }

    /// <summary>Rounded to the minor unit's 4 decimals the database keeps, so the stored and computed values agree.</summary>
    public static Money Weigh(Money amount, int probability) =>
        new(decimal.Round(amount.Amount * probability / 100m, 4, MidpointRounding.AwayFromZero), amount.Currency);

    private void EnsureOpen()
    {
        if (StageKind != StageKind.Open)
            throw new BusinessRuleException(Error.Conflict("opportunity_closed", "The opportunity is already won or lost."));
    }

    private void Enter(PipelineStage stage, DateTimeOffset now)
    {
        _history.Add(new StageChange(Id, StageId == Guid.Empty ? null : StageId, stage.Id, stage.Name, now));
        StageId = stage.Id;
        StageKind = stage.Kind;
        StageOrder = stage.Order;
        Probability = stage.Probability;
        WeightedAmount = Weigh(Amount, Probability);
    }
}

/// <summary>One move of an opportunity between stages, for velocity and conversion reports.</summary>
internal sealed class StageChange : Entity
{
    private StageChange()
    {
    }

    public StageChange(Guid opportunityId, Guid? fromStageId, Guid toStageId, string toStageName, DateTimeOffset at)
    {
        OpportunityId = opportunityId;
        FromStageId = fromStageId;
        ToStageId = toStageId;
        ToStageName = toStageName;
        At = at;
    }

    public Guid OpportunityId { get; private set; }
    public Guid? FromStageId { get; private set; }
    public Guid ToStageId { get; private set; }
    public string ToStageName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
