using Tandem.Testing;

namespace Tandem.Platform.Tests.Webhooks;

internal static class WebhookTestSetup
{
    // Fast polls and retries so retry and failure tests finish in seconds; three attempts before failed.
    public static readonly string[] FastArguments =
    [
        "--Tandem:Outbox:PollInterval=00:00:00.300",
        "--Tandem:Webhooks:PollInterval=00:00:00.300",
        "--Tandem:Webhooks:RetryBaseDelay=00:00:00.100",
        "--Tandem:Webhooks:MaxAttempts=3",
        "--Tandem:Webhooks:AttemptTimeout=00:00:05",
    ];
}

public sealed class WebhookSqliteServer : SqliteServer
{
    protected override IEnumerable<string> ExtraArguments => WebhookTestSetup.FastArguments;
}

public sealed class WebhookPostgresServer : PostgresServer
{
    protected override IEnumerable<string> ExtraArguments => WebhookTestSetup.FastArguments;
}
