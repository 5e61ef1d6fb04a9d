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

    public static Notification Create(Guid userId, string title, string? body, string url, Guid? activityId, DateTimeOffset now) => new()
    {
        UserId = userId,
        Title = title.Length > 250 ? title[..250] : title,
        Body = body is { Length: > 400 } ? body[..400] : body,
        Url = url,
        ActivityId = activityId,
        CreatedAt = now,
    };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
