using Tandem.Crm.Contracts;
using Tandem.Crm.Domain;
using Tandem.SharedKernel;

namespace Tandem.Crm.Tests.Domain;

public class OpportunityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static (Pipeline Pipeline, Opportunity Opportunity) Open(decimal amount = 1000m)
    {
        var pipeline = Pipeline.Default();
        var opportunity = Opportunity.Open("Fleet", Guid.NewGuid(), null, pipeline.FirstOpenStage, new Money(amount, new CurrencyCode("EUR")),
            new DateOnly(2026, 12, 15), [], null, null, null, Now);
        return (pipeline, opportunity);
    }

    [Fact]
    public void Opens_in_the_first_stage_with_its_probability_and_weighted_amount()
    {
        var (pipeline, opportunity) = Open(1234.56m);
        Assert.Equal(pipeline.FirstOpenStage.Id, opportunity.StageId);
        Assert.Equal(10, opportunity.Probability);
        // By hand: 1234.56 × 10 % = 123.456.
        Assert.Equal(123.456m, opportunity.WeightedAmount.Amount);
        Assert.Equal(202612, opportunity.CloseMonth);
        Assert.Single(opportunity.History);
    }

    [Fact]
    public void Moving_records_the_change_and_takes_the_stage_probability()
    {
        var (pipeline, opportunity) = Open(2000m);
        var proposal = pipeline.Stages.Single(s => s.Name == "Proposal");
        opportunity.MoveTo(proposal, Now.AddDays(3));
        Assert.Equal(50, opportunity.Probability);
        Assert.Equal(1000m, opportunity.WeightedAmount.Amount);
        Assert.Equal(2, opportunity.History.Count);
        Assert.Equal(pipeline.FirstOpenStage.Id, opportunity.History[1].FromStageId);
        Assert.Equal("Proposal", opportunity.History[1].ToStageName);
    }

    [Fact]
    public void Won_and_lost_are_reached_only_through_win_and_lose()
    {
        var (pipeline, opportunity) = Open();
        var error = Assert.Throws<BusinessRuleException>(() => opportunity.MoveTo(pipeline.Stage(StageKind.Won), Now)).Error;
        Assert.Equal("use_win_or_lose", error.Code);
    }

    [Fact]
    public void A_stage_of_another_pipeline_is_refused()
    {
        var (_, opportunity) = Open();
        var other = Pipeline.Default();
        Assert.Equal("stage_not_in_pipeline", Assert.Throws<BusinessRuleException>(() => opportunity.MoveTo(other.FirstOpenStage, Now)).Error.Code);
    }

    [Fact]
    public void Losing_needs_a_reason_and_a_closed_opportunity_cannot_move()
    {
        var (pipeline, opportunity) = Open();
        Assert.Equal("loss_reason_required", Assert.Throws<BusinessRuleException>(() => opportunity.Lose(pipeline.Stage(StageKind.Lost), " ", Now)).Error.Code);
        opportunity.Lose(pipeline.Stage(StageKind.Lost), "Went with a competitor", Now);
        Assert.Equal(0m, opportunity.WeightedAmount.Amount);
        Assert.Equal("opportunity_closed", Assert.Throws<BusinessRuleException>(() => opportunity.MoveTo(pipeline.FirstOpenStage, Now)).Error.Code);
        Assert.Equal("opportunity_closed", Assert.Throws<BusinessRuleException>(() => opportunity.Win(pipeline.Stage(StageKind.Won), Now)).Error.Code);
    }

    [Fact]
    public void A_pipeline_needs_one_won_and_one_lost_stage() =>
        Assert.Equal("pipeline_stages_invalid", Assert.Throws<BusinessRuleException>(() =>
            Pipeline.Create("Broken", false, [new("Open", 10, StageKind.Open), new("Won", 100, StageKind.Won)])).Error.Code);
}
