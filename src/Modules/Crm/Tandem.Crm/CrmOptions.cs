namespace Tandem.Crm;

/// <summary>CRM settings from configuration (<c>Tandem:Crm</c>).</summary>
public sealed class CrmOptions
{
    public const string Section = "Tandem:Crm";

    public AttachmentOptions Attachments { get; set; } = new();

    public WebToLeadOptions WebToLead { get; set; } = new();

    public ReminderOptions Reminders { get; set; } = new();
}

public sealed class ReminderOptions
{
    /// <summary>Run the reminder service in this process (every server may; each reminder is claimed once).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often to look for reminders that have come due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reminders sent per look.</summary>
    public int BatchSize { get; set; } = 100;
}

public sealed class AttachmentOptions
{
    /// <summary>Largest file accepted on a note, in bytes.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Content types accepted; the first bytes of the file must agree with the declared type.</summary>
    public string[] AllowedContentTypes { get; set; } =
    [
        "application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain", "text/csv",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];

    /// <summary>A folder to keep files in; when empty they are stored in the database.</summary>
    public string? Folder { get; set; }
}

public sealed class WebToLeadOptions
{
    /// <summary>Forms accepted per client address per window.</summary>
    public int PermitLimit { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
