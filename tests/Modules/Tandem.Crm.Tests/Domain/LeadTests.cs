using Tandem.Crm.Contracts;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Leads;
using Tandem.Crm.Features.Notes;
using Tandem.SharedKernel;

namespace Tandem.Crm.Tests.Domain;

public class LeadTests
{
    private static Lead NewLead() =>
        Lead.Capture(new LeadDetails("Ann Lee", "Fleet Co", "ann@example.com", null, null, null, null, null), null, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Disqualifying_needs_a_reason()
    {
        var lead = NewLead();
        Assert.Equal("disqualification_reason_required", Assert.Throws<BusinessRuleException>(() => lead.ChangeStatus(LeadStatus.Disqualified, null)).Error.Code);
        lead.ChangeStatus(LeadStatus.Disqualified, "No budget");
        Assert.Equal("No budget", lead.DisqualificationReason);
        Assert.Equal("lead_disqualified", Assert.Throws<BusinessRuleException>(lead.EnsureConvertible).Error.Code);
    }

    [Fact]
    public void A_converted_lead_cannot_be_converted_or_changed_again()
    {
        var lead = NewLead();
        lead.ChangeStatus(LeadStatus.Qualified, null);
        lead.MarkConverted(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UnixEpoch);
        Assert.Equal(LeadStatus.Converted, lead.Status);
        var again = Assert.Throws<BusinessRuleException>(() => lead.MarkConverted(Guid.NewGuid(), Guid.NewGuid(), null, DateTimeOffset.UnixEpoch)).Error;
        Assert.Equal("lead_already_converted", again.Code);
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Equal("lead_already_converted", Assert.Throws<BusinessRuleException>(() => lead.ChangeStatus(LeadStatus.Working, null)).Error.Code);
    }

    [Fact]
    public void Conversion_keeps_the_lead_history_and_adds_the_new_records()
    {
        var leadId = Guid.NewGuid();
        var activity = Activity.Log(ActivityKind.Call, "Intro", null, null, null, true, new RecordLinks(leadId, null, null, null), null, DateTimeOffset.UnixEpoch);
        var (account, contact, opportunity) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        activity.AttachTo(account, contact, opportunity);
        Assert.Equal((leadId, account, contact, opportunity), (activity.LeadId!.Value, activity.AccountId!.Value, activity.ContactId!.Value, activity.OpportunityId!.Value));
    }

    [Fact]
    public void Round_robin_takes_members_in_turn()
    {
        Guid[] members = [Guid.Parse("00000000-0000-0000-0000-000000000002"), Guid.Parse("00000000-0000-0000-0000-000000000001")];
        var picks = Enumerable.Range(0, 4).Select(i => AssignmentRule.PickMember(members, i)).ToList();
        Assert.Equal([members[1], members[0], members[1], members[0]], picks);
    }

    [Fact]
    public void Csv_reads_quoted_fields_and_reports_lines()
    {
        var records = CsvReader.Parse("name,company\n\"Lee, Ann\",\"Fleet \"\"Co\"\"\"\n\"Multi\nline\",X\nBad\"quote,Y\n");
        Assert.Equal(4, records.Count);
        Assert.Equal(["Lee, Ann", "Fleet \"Co\""], records[1].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Equal("Multi\nline", records[2].Fields[0]);
        Assert.Equal(5, records[3].Line);
        Assert.NotNull(records[3].Error);
    }

    [Theory]
    [InlineData("application/pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, true)]
    [InlineData("application/pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, false)]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, true)]
    [InlineData("text/plain", new byte[] { 0x68, 0x69, 0x00 }, false)]
    [InlineData("text/plain", new byte[] { 0x68, 0x69, 0x0A }, true)]
    public void Sniffing_checks_the_first_bytes_against_the_declared_type(string type, byte[] bytes, bool agrees) =>
        Assert.Equal(agrees, ContentSniffer.Agrees(type, bytes));
}
