using MailKit.Security;

namespace Tandem.Platform.Mail;

/// <summary>The SMTP server outgoing mail goes through: <c>Tandem:Mail</c>. With no host, messages are kept as not sent.</summary>
public sealed class MailOptions
{
    public const string Section = "Tandem:Mail";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "tandem@localhost";

    public string FromName { get; set; } = "Tandem";

    /// <summary>The address people reach this server at, for links in messages; the server's own listening address when empty.</summary>
    public string? PublicUrl { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public const string NotConfiguredReason = "No SMTP server is configured: set Tandem:Mail:Host to send mail.";
}
