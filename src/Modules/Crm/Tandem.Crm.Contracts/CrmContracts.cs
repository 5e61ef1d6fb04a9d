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

/// <summary>An activity's reminder that has come due, for its assignee (<see cref="UserId"/>; null when nobody is assigned).</summary>
public sealed record DueReminder(
    Guid CompanyId, Guid ActivityId, Guid? UserId, ActivityKind Kind, string Subject, DateOnly? DueDate, DateTimeOffset RemindAt, string Url);

/// <summary>
/// A way to deliver due reminders: the CRM's in-app notifications is one; email can be another. The reminder
/// service calls every registered channel inside the transaction that marks the reminder sent, so a channel
/// that fails leaves the reminder due and it is tried again.
/// </summary>
public interface IReminderChannel
{
    Task SendAsync(DueReminder reminder, CancellationToken ct);
}

/// <summary>Published when an opportunity is marked won, for the sales side to pick up.</summary>
public sealed record OpportunityWon(Guid CompanyId, Guid OpportunityId, Guid AccountId, Money Amount) : IIntegrationEvent;
