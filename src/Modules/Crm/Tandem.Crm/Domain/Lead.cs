using Tandem.Crm.Contracts;
using Tandem.Parties.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Crm.Domain;

/// <summary>Someone who may become a customer, before they are an account with an opportunity.</summary>
internal sealed class Lead : Entity, ISecuredRecord
{
    private Lead()
    {
    }

    public string Name { get; private set; } = "";
    public string? Company { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? JobTitle { get; private set; }
    public string? Source { get; private set; }
    public string? Industry { get; private set; }
    public string? Country { get; private set; }
    public LeadStatus Status { get; private set; }
    public string? DisqualificationReason { get; private set; }
    public int Score { get; private set; }
    public Guid? OwnerId { get; private set; }
    public Guid? TeamId { get; private set; }
    public Guid? AccountId { get; private set; }
    public Guid? ContactId { get; private set; }
    public Guid? OpportunityId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ConvertedAt { get; private set; }

    /// <summary>The company name as duplicate detection compares it (the party master's normalisation).</summary>
    public string? CompanyKey { get; private set; }

    /// <summary>The email's domain when it is a company's, not a free-mail provider's.</summary>
    public string? EmailDomain { get; private set; }

    /// <summary>The phone's last digits, as the party master matches phones.</summary>
    public string? PhoneKey { get; private set; }

    /// <summary>The values of the company's custom fields for this record type, as validated JSON.</summary>
    public string? CustomFields { get; private set; }

    public static Lead Capture(LeadDetails details, Guid? ownerId, Guid? teamId, DateTimeOffset now)
    {
        var lead = new Lead { CreatedAt = now, OwnerId = ownerId, TeamId = teamId, Status = LeadStatus.New };
        lead.Apply(details);
        return lead;
    }

    public void Change(LeadDetails details)
    {
        EnsureNotConverted();
        Apply(details);
    }

    public void Assign(Guid? ownerId, Guid? teamId)
    {
        OwnerId = ownerId;
        TeamId = teamId;
    }

    public void SetScore(int score) => Score = score;

    public void SetCustomFields(string? values) => CustomFields = values;

    /// <summary>An account merge: a converted lead points at the surviving account.</summary>
    public void MoveToAccount(Guid accountId) => AccountId = accountId;

    /// <summary>new → working → qualified, or disqualified (with a reason) from any open status; converted only through Convert.</summary>
    public void ChangeStatus(LeadStatus status, string? reason)
    {
        EnsureNotConverted();
        switch (status)
        {
            case LeadStatus.Converted:
                throw new BusinessRuleException(new Error("use_convert", "Convert the lead to mark it converted."));
            case LeadStatus.Disqualified when string.IsNullOrWhiteSpace(reason):
                throw new BusinessRuleException(new Error("disqualification_reason_required", "Say why the lead is disqualified.", ErrorKind.Validation)
                {
                    Fields = new Dictionary<string, string[]> { ["reason"] = ["Required."] },
                });
            case LeadStatus.Disqualified:
                DisqualificationReason = reason!.Trim();
                break;
            default:
                DisqualificationReason = null;
                break;
        }
        Status = status;
    }

    public void EnsureConvertible()
    {
        EnsureNotConverted();
        if (Status == LeadStatus.Disqualified)
            throw new BusinessRuleException(Error.Conflict("lead_disqualified", "A disqualified lead cannot be converted; reopen it first."));
    }

    public void MarkConverted(Guid accountId, Guid contactId, Guid? opportunityId, DateTimeOffset now)
    {
        EnsureConvertible();
        Status = LeadStatus.Converted;
        AccountId = accountId;
        ContactId = contactId;
        OpportunityId = opportunityId;
        ConvertedAt = now;
    }

    private void EnsureNotConverted()
    {
        if (Status == LeadStatus.Converted)
            throw new BusinessRuleException(Error.Conflict("lead_already_converted", "The lead has already been converted."));
    }

    private void Apply(LeadDetails d)
    {
        Name = d.Name.Trim();
        Company = Blank(d.Company);
        Email = Blank(d.Email)?.ToLowerInvariant();
        Phone = Blank(d.Phone);
        JobTitle = Blank(d.JobTitle);
        Source = Blank(d.Source)?.ToLowerInvariant();
        Industry = Blank(d.Industry);
        Country = Blank(d.Country)?.ToUpperInvariant();
        CompanyKey = PartyMatching.Name(Company);
        EmailDomain = PartyMatching.EmailDomain(Email);
        PhoneKey = PartyMatching.Phone(Phone);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal sealed record LeadDetails(
    string Name, string? Company, string? Email, string? Phone, string? JobTitle, string? Source, string? Industry, string? Country)
{
    public Error? Validate()
    {
        var errors = new FieldErrors()
            .Required("name", Name)
            .Optional("company", Company)
            .Optional("email", Email, 254)
            .Optional("phone", Phone, 40)
            .Optional("jobTitle", JobTitle, 100)
            .Optional("source", Source, 50)
            .Optional("industry", Industry, 100)
            .Optional("country", Country, 2)
            .When(Email is { Length: > 0 } e && !IsEmail(e), "email", "Not an email address.");
        return errors.Any ? errors.ToError() : null;
    }

    public static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 3 && value.IndexOf('.', at) > at + 1 && !value.Contains(' ', StringComparison.Ordinal);
    }
}
