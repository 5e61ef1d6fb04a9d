using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Webhooks;

public sealed class WebhookOptions : ILeaseSettings
{
    public const string Section = "Tandem:Webhooks";

    /// <summary>Run the deliverer in this process (every node may; claims keep them apart).</summary>
    public bool DelivererEnabled { get; set; } = true;

    bool ILeaseSettings.Enabled => DelivererEnabled;

    public int BatchSize { get; set; } = 20;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds a delivery; longer than <see cref="AttemptTimeout"/> times the batch.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one POST may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubled on each attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(6);

    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 30));
        return TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
    }
}

/// <summary>The <c>Tandem-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" keyed with the secret&gt;</c>.</summary>
public static class WebhookSignature
{
    public static string Create(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}

/// <summary>
/// Sends webhook deliveries after commit, claiming them in leased batches like the outbox dispatcher (see
/// <see cref="LeasedWorker"/>), so two servers never send one delivery at once. A failure or non-2xx answer is retried
/// with exponential backoff up to a limit, then failed.
/// </summary>
public sealed partial class WebhookDeliverer(
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<WebhookDeliverer> logger) : LeasedWorker(signal, logger)
{
    // Redirects are not followed: a receiver that moved must be re-subscribed at its new URL.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    protected override string WorkName => "Webhook";

    protected override ILeaseSettings Settings => options.Value;

    public override Task<int> RunBatchAsync(CancellationToken ct) => DeliverBatchAsync(ct);

    /// <summary>Claims one batch of due deliveries and sends them; returns how many were claimed.</summary>
    public async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var provider = database.Value.Provider;
        var deliveries = PlatformSql.Table(provider, "webhook_deliveries");
        var subscriptions = PlatformSql.Table(provider, "webhook_subscriptions");
        await using var connection = DbSession.CreateConnection(database.Value);
        await connection.OpenAsync(ct);

        var claimed = await ClaimAsync(connection, provider, deliveries, "next_attempt_at", "id, subscription_id, event_type, body, attempts",
            clock.GetUtcNow().UtcDateTime,
            reader => new Claimed(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)), ct);

        foreach (var delivery in claimed)
        {
            string? url = null, secret = null;
            await using (var read = PlatformSql.Command(connection, null, $"SELECT url, secret FROM {subscriptions} WHERE id = @id")
                             .With(provider, "@id", delivery.SubscriptionId))
            await using (var reader = await read.ExecuteReaderAsync(ct))
            {
                if (await reader.ReadAsync(ct))
                {
                    url = reader.GetString(0);
                    secret = reader.GetString(1);
                }
            }
            var outcome = url is null || secret is null
                ? new Outcome(null, "The subscription was deleted.")
                : await SendAsync(delivery, url, secret, settings, ct);
            await FinishAsync(connection, provider, deliveries, delivery, outcome, settings, CancellationToken.None);
        }
        return claimed.Count;
    }

    private async Task<Outcome> SendAsync(Claimed delivery, string url, string secret, WebhookOptions settings, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Tandem-Event", delivery.EventType);
        request.Headers.TryAddWithoutValidation("Tandem-Delivery", delivery.Id.ToString());
        request.Headers.TryAddWithoutValidation("Tandem-Signature", WebhookSignature.Create(secret, timestamp, delivery.Body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.AttemptTimeout);
        try
        {
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? new Outcome(code, null) : new Outcome(code, $"The receiver answered {code}.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(null, $"No answer within {settings.AttemptTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            LogSendFailed(logger, delivery.Id, delivery.Attempts, e);
            return new Outcome(null, e.Message);
        }
    }

    private async Task FinishAsync(DbConnection connection, DatabaseProvider provider, string table, Claimed delivery, Outcome outcome,
        WebhookOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var status = outcome.Error is null ? WebhookDeliveryStatus.Delivered
            : delivery.Attempts >= settings.MaxAttempts ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
        await using var update = PlatformSql.Command(connection, null,
                $"UPDATE {table} SET status = @status, next_attempt_at = @next, last_response_code = @code, last_error = @error, " +
                "last_attempt_at = @now, delivered_at = @delivered, locked_until = NULL WHERE id = @id AND locked_by = @me")
            .With(provider, "@status", status)
            .With(provider, "@next", outcome.Error is null ? now : now + settings.RetryDelay(delivery.Attempts))
            .With(provider, "@code", outcome.Code)
            .With(provider, "@error", outcome.Error is { Length: > 1000 } e ? e[..1000] : outcome.Error)
            .With(provider, "@now", now)
            .With(provider, "@delivered", outcome.Error is null ? now : null)
            .With(provider, "@id", delivery.Id)
            .With(provider, "@me", Instance);
        await update.ExecuteNonQueryAsync(ct);
    }

    private sealed record Claimed(Guid Id, Guid SubscriptionId, string EventType, string Body, int Attempts);

    private sealed record Outcome(int? Code, string? Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} failed on attempt {Attempt}")]
    private static partial void LogSendFailed(ILogger logger, Guid deliveryId, int attempt, Exception exception);
}
