namespace Tandem.Crm.Contracts;

public enum LifecycleStage
{
    Prospect,
    Customer,
    Partner,
    Former,
}

public enum ContactRole
{
    DecisionMaker,
    Champion,
    Influencer,
    User,
    Gatekeeper,
    Other,
}

public enum StageKind
{
    Open,
    Won,
    Lost,
}

public enum LeadStatus
{
    New,
    Working,
    Qualified,
    Disqualified,
    Converted,
}

public enum ScoringCondition
{
    /// <summary>The field equals the value (case-insensitive).</summary>
    Equals,

    /// <summary>The field contains the value (case-insensitive).</summary>
    Contains,

    /// <summary>The field has any value.</summary>
    IsSet,

    /// <summary>A behaviour: at least the value's number of activities logged on the lead.</summary>
    ActivitiesAtLeast,
}

public sealed record ScoreLine(Guid RuleId, string Rule, int Points);

public sealed record LeadScore(int Total, IReadOnlyList<ScoreLine> Lines);

public enum ActivityKind
{
    Call,
    Email,
    Meeting,
    Task,
}
