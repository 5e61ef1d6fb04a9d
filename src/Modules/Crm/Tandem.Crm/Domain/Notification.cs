using Tandem.SharedKernel;

namespace Tandem.Crm.Domain;

/// <summary>A message in a user's in-app inbox, such as an activity's reminder coming due.</summary>
internal sealed class Notification : Entity
{
    private Notification()
    {
    }

    public Guid UserId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Body { get; private set; }

    /// <summary>The page the notification opens, such as the activity's lead or account.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The activity whose reminder this is; at most one reminder notification per activity.</summary>
    public Guid? ActivityId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public static Notification Reminder(Guid userId, Activity activity, string url, DateTimeOffset now) => new()
    {
        UserId = userId,
        Title = $"Reminder: {activity.Subject}",
        Body = activity.DueDate is { } due ? $"{activity.Kind} due {due:yyyy-MM-dd}" : activity.Kind.ToString(),
        Url = url,
        ActivityId = activity.Id,
        CreatedAt = now,
    };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
