using Tandem.SharedKernel;

namespace Tandem.Crm.Domain;

/// <summary>A record under record-level security: seen by its owner, its team's manager, and users it is shared with.</summary>
internal interface ISecuredRecord
{
    Guid Id { get; }
    Guid? OwnerId { get; }
    Guid? TeamId { get; }
}

/// <summary>The record types that can be owned and shared.</summary>
internal static class RecordTypes
{
    public const string Account = "account";
    public const string Lead = "lead";
    public const string Opportunity = "opportunity";
}

/// <summary>One record shared with one user beyond the owner and the team.</summary>
internal sealed class RecordShare : Entity
{
    private RecordShare()
    {
    }

    public string RecordType { get; private set; } = "";
    public Guid RecordId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset SharedAt { get; private set; }

    public static RecordShare Create(string recordType, Guid recordId, Guid userId, DateTimeOffset now) =>
        new() { RecordType = recordType, RecordId = recordId, UserId = userId, SharedAt = now };
}

/// <summary>A sales team: members whose records its manager sees.</summary>
internal sealed class Team : Entity
{
    private readonly List<TeamMember> _members = [];

    private Team()
    {
    }

    public string Name { get; private set; } = "";
    public Guid? ManagerId { get; private set; }
    public IReadOnlyList<TeamMember> Members => _members;

    public static Team Create(string name, Guid? managerId, IEnumerable<Guid> memberIds)
    {
        var team = new Team();
        team.Change(name, managerId, memberIds);
        return team;
    }

    public void Change(string name, Guid? managerId, IEnumerable<Guid> memberIds)
    {
        Name = name.Trim();
        ManagerId = managerId;
        var wanted = memberIds.Distinct().ToHashSet();
        _members.RemoveAll(m => !wanted.Contains(m.UserId));
        foreach (var userId in wanted.Where(u => _members.All(m => m.UserId != u)).Order())
            _members.Add(new TeamMember(Id, userId));
    }
}

internal sealed class TeamMember : Entity
{
    private TeamMember()
    {
    }

    public TeamMember(Guid teamId, Guid userId)
    {
        TeamId = teamId;
        UserId = userId;
    }

    public Guid TeamId { get; private set; }
    public Guid UserId { get; private set; }
}
