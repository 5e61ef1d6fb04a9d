using Tandem.Crm.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Crm.Domain;

/// <summary>The CRM view of an organisation party: who owns the relationship, and where it stands.</summary>
internal sealed class Account : Entity, ISecuredRecord
{
    private Account()
    {
    }

    public Guid PartyId { get; private set; }

    /// <summary>The party's name, kept here so lists need no call to the party master.</summary>
    public string Name { get; private set; } = "";
    public string? Industry { get; private set; }
    public string? Segment { get; private set; }
    public LifecycleStage LifecycleStage { get; private set; }
    public Guid? ParentAccountId { get; private set; }
    public Guid? OwnerId { get; private set; }
    public Guid? TeamId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The values of the company's custom fields for this record type, as validated JSON.</summary>
    public string? CustomFields { get; private set; }

    public static Account Open(Guid partyId, string name, AccountDetails details, Guid? ownerId, Guid? teamId, DateTimeOffset now)
    {
        var account = new Account { PartyId = partyId, Name = name.Trim(), CreatedAt = now };
        account.Change(details, ownerId, teamId);
        return account;
    }

    public void Change(AccountDetails details, Guid? ownerId, Guid? teamId)
    {
        if (details.ParentAccountId == Id)
            throw new BusinessRuleException(new Error("account_hierarchy_cycle", "An account cannot be its own parent."));
        Industry = Blank(details.Industry);
        Segment = Blank(details.Segment);
        LifecycleStage = details.LifecycleStage;
        ParentAccountId = details.ParentAccountId;
        OwnerId = ownerId;
        TeamId = teamId;
    }

    public void Rename(string name) => Name = name.Trim();

    public void SetCustomFields(string? values) => CustomFields = values;

    public void RepointParty(Guid partyId) => PartyId = partyId;

    /// <summary>Hangs the account under another parent (a merge moves the children of the merged account to the survivor).</summary>
    public void ReparentTo(Guid? parentAccountId) => ParentAccountId = parentAccountId == Id ? null : parentAccountId;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal sealed record AccountDetails(string? Industry, string? Segment, LifecycleStage LifecycleStage, Guid? ParentAccountId)
{
    public FieldErrors Validate(FieldErrors errors) => errors
        .Optional("industry", Industry, 100)
        .Optional("segment", Segment, 100)
        .When(!Enum.IsDefined(LifecycleStage), "lifecycleStage", "Prospect, customer, partner or former.");
}

/// <summary>A person at an account, with the part they play in buying.</summary>
internal sealed class Contact : Entity
{
    private Contact()
    {
    }

    public Guid PartyId { get; private set; }
    public Guid AccountId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? JobTitle { get; private set; }
    public ContactRole Role { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Contact Add(Guid partyId, Guid accountId, string name, string? email, string? jobTitle, ContactRole role, DateTimeOffset now) =>
        new()
        {
            PartyId = partyId, AccountId = accountId, Name = name.Trim(), Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant(),
            JobTitle = string.IsNullOrWhiteSpace(jobTitle) ? null : jobTitle.Trim(), Role = role, CreatedAt = now,
        };

    public void Change(Guid accountId, string? jobTitle, ContactRole role)
    {
        AccountId = accountId;
        JobTitle = string.IsNullOrWhiteSpace(jobTitle) ? null : jobTitle.Trim();
        Role = role;
    }

    public void RepointParty(Guid partyId) => PartyId = partyId;

    /// <summary>The person's name, kept in step with the party master.</summary>
    public void Rename(string name) => Name = name.Trim();

    /// <summary>Moves the contact to another account of the same organisation (an account merge).</summary>
    public void MoveTo(Guid accountId) => AccountId = accountId;
}
