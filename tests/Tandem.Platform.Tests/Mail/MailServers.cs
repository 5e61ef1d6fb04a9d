using Tandem.Testing;

namespace Tandem.Platform.Tests.Mail;

/// <summary>A server whose outgoing mail goes to a test SMTP server of its own, with fast outbox retries.</summary>
internal static class MailTestSetup
{
    public static IEnumerable<string> Arguments(TestSmtpServer smtp) =>
    [
        .. smtp.Arguments,
        "--Tandem:Outbox:PollInterval=00:00:00.300",
        "--Tandem:Outbox:RetryBaseDelay=00:00:00.100",
        "--Tandem:Outbox:MaxAttempts=3",
    ];
}

public class MailSqliteServer : SqliteServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IEnumerable<string> ExtraArguments => MailTestSetup.Arguments(Smtp);

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await Smtp.DisposeAsync();
    }
}

public class MailPostgresServer : PostgresServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IEnumerable<string> ExtraArguments => MailTestSetup.Arguments(Smtp);

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await Smtp.DisposeAsync();
    }
}
