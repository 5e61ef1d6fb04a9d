using Tandem.Crm.Contracts;
using Tandem.Crm.Domain;

namespace Tandem.Crm.Tests.Domain;

public class LeadScoringTests
{
    private static Lead NewLead(string? source = "web", string? email = "ann@example.com", string? title = "Head of Fleet") =>
        Lead.Capture(new LeadDetails("Ann Lee", "Fleet Co", email, null, title, source, "Logistics", "GB"), null, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Score_adds_the_points_of_every_rule_met_and_names_them()
    {
        var rules = new[]
        {
            ScoringRule.Create("Web form", "source", ScoringCondition.Equals, "WEB", 10),
            ScoringRule.Create("Has email", "email", ScoringCondition.IsSet, null, 5),
            ScoringRule.Create("Senior title", "jobTitle", ScoringCondition.Contains, "head", 15),
            ScoringRule.Create("Competitor", "company", ScoringCondition.Contains, "rival", -50),
            ScoringRule.Create("Engaged", "activities", ScoringCondition.ActivitiesAtLeast, "2", 20),
        };

        // By hand: web 10 + email 5 + "Head of Fleet" contains "head" 15 = 30; not a rival; 1 activity < 2.
        var score = LeadScorer.Score(LeadFacts.Of(NewLead(), activities: 1), rules);

        Assert.Equal(30, score.Total);
        Assert.Equal(["Web form", "Has email", "Senior title"], score.Lines.Select(l => l.Rule));
    }

    [Fact]
    public void Behaviour_rule_counts_activities_logged()
    {
        var rules = new[] { ScoringRule.Create("Engaged", "activities", ScoringCondition.ActivitiesAtLeast, "2", 20) };
        Assert.Equal(0, LeadScorer.Score(LeadFacts.Of(NewLead(), 1), rules).Total);
        Assert.Equal(20, LeadScorer.Score(LeadFacts.Of(NewLead(), 2), rules).Total);
    }

    [Fact]
    public void A_lead_without_the_field_meets_no_rule_on_it()
    {
        var rules = new[] { ScoringRule.Create("Has email", "email", ScoringCondition.IsSet, null, 5) };
        var score = LeadScorer.Score(LeadFacts.Of(NewLead(email: null), 0), rules);
        Assert.Equal(0, score.Total);
        Assert.Empty(score.Lines);
    }

    [Theory]
    [InlineData("budget", ScoringCondition.Equals, "x", 5)]
    [InlineData("source", ScoringCondition.Equals, null, 5)]
    [InlineData("activities", ScoringCondition.ActivitiesAtLeast, "zero", 5)]
    [InlineData("source", ScoringCondition.Equals, "web", 5000)]
    public void Invalid_rules_are_refused(string field, ScoringCondition condition, string? value, int points) =>
        Assert.NotNull(ScoringRule.Validate("Rule", field, condition, value, points));
}
