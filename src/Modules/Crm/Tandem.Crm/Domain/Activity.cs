using Tandem.Crm.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Crm.Domain;

/// <summary>What a record an activity or note hangs on is; at least one is set.</summary>
internal sealed record RecordLinks(Guid? LeadId, Guid? AccountId, Guid? ContactId, Guid? OpportunityId)
{
    public bool Any => LeadId is not null || AccountId is not null || ContactId is not null || OpportunityId is not null;
}

/// <summary>A call, email, meeting or task, logged or planned, on a lead, account, contact or opportunity.</summary>
internal sealed class Activity : Entity
{
    private Activity()
    {
    }

    public ActivityKind Kind { get; private set; }
    public string Subject { get; private set; } = "";
    public string? Details { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateTimeOffset? RemindAt { get; private set; }
    public bool Done { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public Guid? LeadId { get; private set; }

    /// <summary>The account, also set when the activity is on a contact or opportunity of it, so the account's timeline and visibility need no join.</summary>
    public Guid? AccountId { get; private set; }
    public Guid? ContactId { get; private set; }
    public Guid? OpportunityId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the reminder went out; set once, by whichever server claimed it first.</summary>
    public DateTimeOffset? ReminderSentAt { get; private set; }

    public static Activity Log(ActivityKind kind, string subject, string? details, DateOnly? dueDate, DateTimeOffset? remindAt, bool done,
        RecordLinks links, Guid? assigneeId, DateTimeOffset now)
    {
        if (!links.Any)
            throw new BusinessRuleException(new Error("activity_unlinked", "Link the activity to a lead, account, contact or opportunity.", ErrorKind.Validation));
        return new Activity
        {
            Kind = kind, Subject = subject.Trim(), Details = string.IsNullOrWhiteSpace(details) ? null : details.Trim(), DueDate = dueDate,
            RemindAt = remindAt, Done = done, DoneAt = done ? now : null, LeadId = links.LeadId, AccountId = links.AccountId,
            ContactId = links.ContactId, OpportunityId = links.OpportunityId, AssigneeId = assigneeId, CreatedAt = now,
        };
    }

    public void MarkDone(DateTimeOffset now)
    {
        if (Done)
            return;
        Done = true;
        DoneAt = now;
    }

    /// <summary>After a lead is converted its history also hangs on the new account, contact and opportunity.</summary>
    public void AttachTo(Guid accountId, Guid contactId, Guid? opportunityId)
    {
        AccountId ??= accountId;
        ContactId ??= contactId;
        OpportunityId ??= opportunityId;
    }

    /// <summary>An account merge: the record now hangs on the surviving account.</summary>
    public void MoveToAccount(Guid accountId) => AccountId = accountId;
}

/// <summary>Free text on a lead, account, contact or opportunity, with optional attachments.</summary>
internal sealed class Note : Entity
{
    private Note()
    {
    }

    public string Text { get; private set; } = "";
    public Guid? LeadId { get; private set; }
    public Guid? AccountId { get; private set; }
    public Guid? ContactId { get; private set; }
    public Guid? OpportunityId { get; private set; }
    public Guid? AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static Note Write(string text, RecordLinks links, Guid? authorId, string authorName, DateTimeOffset now)
    {
        if (!links.Any)
            throw new BusinessRuleException(new Error("note_unlinked", "Link the note to a lead, account, contact or opportunity.", ErrorKind.Validation));
        return new Note
        {
            Text = text.Trim(), LeadId = links.LeadId, AccountId = links.AccountId, ContactId = links.ContactId,
            OpportunityId = links.OpportunityId, AuthorId = authorId, AuthorName = authorName, CreatedAt = now,
        };
    }

    public void AttachTo(Guid accountId, Guid contactId, Guid? opportunityId)
    {
        AccountId ??= accountId;
        ContactId ??= contactId;
        OpportunityId ??= opportunityId;
    }

    /// <summary>An account merge: the record now hangs on the surviving account.</summary>
    public void MoveToAccount(Guid accountId) => AccountId = accountId;
}

/// <summary>A file on a note. The bytes live in the database or in the configured folder, never with this row.</summary>
internal sealed class Attachment : Entity
{
    private Attachment()
    {
    }

    public Guid NoteId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Storage { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static Attachment Add(Guid noteId, string fileName, string contentType, long size, string storage, DateTimeOffset now) =>
        new() { NoteId = noteId, FileName = fileName, ContentType = contentType, Size = size, Storage = storage, CreatedAt = now };
}

/// <summary>
/// An attachment's bytes when they are stored in the database. Not an audited business record (the audit
/// trail would copy the file); reached only through its <see cref="Attachment"/>, which is.
/// </summary>
internal sealed class AttachmentContent
{
    private AttachmentContent()
    {
    }

    public AttachmentContent(Guid attachmentId, byte[] bytes)
    {
        AttachmentId = attachmentId;
        Bytes = bytes;
    }

    public Guid AttachmentId { get; private set; }
    public byte[] Bytes { get; private set; } = [];
}
