using Tandem.SharedKernel;

namespace Tandem.Crm.Contracts;

/// <summary>What other modules may ask of the CRM.</summary>
public interface ICrmModule
{
    /// <summary>An account the current user may see, or null.</summary>
    Task<AccountSummary?> FindAccountAsync(Guid accountId, CancellationToken ct);
}

public sealed record AccountSummary(Guid Id, Guid PartyId, string Name, Guid? OwnerId);

public static class CrmPermissions
{
    public const string Read = "crm.read";
    public const string Write = "crm.write";

    /// <summary>Teams, pipelines, scoring and assignment rules.</summary>
    public const string Manage = "crm.manage";

    /// <summary>See every CRM record of the company regardless of owner and team.</summary>
    /// <remarks>Named as a read permission: it only widens what is seen, and the executive's <c>*.read</c> grants it.</remarks>
    public const string All = "crm.all.read";
}

/// <summary>Published when an opportunity is marked won, for the sales side to pick up.</summary>
public sealed record OpportunityWon(Guid CompanyId, Guid OpportunityId, Guid AccountId, Money Amount) : IIntegrationEvent;
