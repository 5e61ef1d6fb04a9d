using Tandem.Crm.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Crm.Domain;

/// <summary>An admin's rule: when a lead meets the condition, it earns the points (negative points penalise).</summary>
internal sealed class ScoringRule : Entity
{
    public static readonly IReadOnlyList<string> Fields = ["company", "email", "phone", "jobTitle", "source", "industry", "country", "activities"];

    private ScoringRule()
    {
    }

    public string Name { get; private set; } = "";
    public string Field { get; private set; } = "";
    public ScoringCondition Condition { get; private set; }
    public string? Value { get; private set; }
    public int Points { get; private set; }

    public static ScoringRule Create(string name, string field, ScoringCondition condition, string? value, int points) =>
        new() { Name = name.Trim(), Field = field, Condition = condition, Value = string.IsNullOrWhiteSpace(value) ? null : value.Trim(), Points = points };

    public static Error? Validate(string? name, string? field, ScoringCondition condition, string? value, int points)
    {
        var errors = new FieldErrors()
            .Required("name", name, 100)
            .Optional("value", value, 200)
            .When(field is null || !Fields.Contains(field), "field", $"One of: {string.Join(", ", Fields)}.")
            .When(!Enum.IsDefined(condition), "condition", "equals, contains, isSet or activitiesAtLeast.")
            .When(condition is ScoringCondition.Equals or ScoringCondition.Contains && string.IsNullOrWhiteSpace(value), "value", "Required for this condition.")
            .When(condition == ScoringCondition.ActivitiesAtLeast && (field != "activities" || !int.TryParse(value, out var n) || n < 1), "value", "A whole number of activities, at least 1, on field activities.")
            .When(condition != ScoringCondition.ActivitiesAtLeast && field == "activities", "condition", "The activities field takes activitiesAtLeast.")
            .When(points is < -1000 or > 1000, "points", "Between -1000 and 1000.");
        return errors.Any ? errors.ToError() : null;
    }
}

/// <summary>What the scorer knows of a lead: its fields and how many activities were logged on it.</summary>
internal sealed record LeadFacts(IReadOnlyDictionary<string, string?> Fields, int Activities)
{
    public static LeadFacts Of(Lead lead, int activities) => new(new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["company"] = lead.Company, ["email"] = lead.Email, ["phone"] = lead.Phone, ["jobTitle"] = lead.JobTitle,
        ["source"] = lead.Source, ["industry"] = lead.Industry, ["country"] = lead.Country,
    }, activities);
}

/// <summary>Adds up the points of every rule a lead meets and says which rules gave them.</summary>
internal static class LeadScorer
{
    public static LeadScore Score(LeadFacts facts, IEnumerable<ScoringRule> rules)
    {
        var lines = rules.Where(rule => Meets(facts, rule)).Select(rule => new ScoreLine(rule.Id, rule.Name, rule.Points)).ToList();
        return new LeadScore(lines.Sum(l => l.Points), lines);
    }

    private static bool Meets(LeadFacts facts, ScoringRule rule)
    {
        if (rule.Condition == ScoringCondition.ActivitiesAtLeast)
            return int.TryParse(rule.Value, out var atLeast) && facts.Activities >= atLeast;
        var value = facts.Fields.GetValueOrDefault(rule.Field);
        return rule.Condition switch
        {
            ScoringCondition.IsSet => !string.IsNullOrWhiteSpace(value),
            ScoringCondition.Equals => value is not null && string.Equals(value, rule.Value, StringComparison.OrdinalIgnoreCase),
            ScoringCondition.Contains => value is not null && rule.Value is not null && value.Contains(rule.Value, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}

/// <summary>
/// Hands new leads without an owner to a team's members in turn. A rule may be limited to a territory
/// (the lead's country); the first matching rule by priority wins.
/// </summary>
internal sealed class AssignmentRule : Entity
{
    private AssignmentRule()
    {
    }

    public string Name { get; private set; } = "";
    public int Priority { get; private set; }
    public Guid TeamId { get; private set; }

    /// <summary>ISO country code of the territory; null matches every lead.</summary>
    public string? Country { get; private set; }

    /// <summary>How many leads the rule has handed out; the next goes to member (counter mod members).</summary>
    public long Counter { get; private set; }

    public static AssignmentRule Create(string name, int priority, Guid teamId, string? country) =>
        new() { Name = name.Trim(), Priority = priority, TeamId = teamId, Country = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant() };

    public bool Matches(string? country) => Country is null || string.Equals(Country, country, StringComparison.OrdinalIgnoreCase);

    /// <summary>Round robin: the member whose turn the counter value says it is, members taken in a fixed order.</summary>
    public static Guid PickMember(IReadOnlyList<Guid> members, long counter) =>
        members.Order().ElementAt((int)(counter % members.Count));
}
