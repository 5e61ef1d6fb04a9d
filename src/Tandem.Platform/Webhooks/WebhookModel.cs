using Microsoft.EntityFrameworkCore;

namespace Tandem.Platform.Webhooks;

/// <summary>A company's request to be told of some event types at a URL, signed with a secret only it and the server know.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CompanyId { get; set; }
    public string Url { get; set; } = "";

    /// <summary>Public event names (<c>party.registered</c> ...), each one the registry knows.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Kept in clear because every delivery is signed with it; shown to the user only when created.</summary>
    public string Secret { get; set; } = "";
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    public static void Configure(ModelBuilder builder) => builder.Entity<WebhookSubscription>(subscription =>
    {
        subscription.ToTable("webhook_subscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Url).HasMaxLength(WebhookRules.MaxUrlLength);
        subscription.Property(s => s.Secret).HasMaxLength(100);
        subscription.PrimitiveCollection(s => s.Events);
        subscription.HasIndex(s => s.CompanyId);
    });
}

/// <summary>One event sent (or to be sent) to one subscription; the body is fixed when the row is written.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CompanyId { get; set; }
    public Guid SubscriptionId { get; set; }

    /// <summary>The outbox message the delivery came from: the body's <c>id</c>, the same for every subscription and retry.</summary>
    public Guid EventId { get; set; }
    public string EventType { get; set; } = "";
    public string Body { get; set; } = "";
    public string Status { get; set; } = WebhookDeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public int? LastResponseCode { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }

    public static void Configure(ModelBuilder builder) => builder.Entity<WebhookDelivery>(delivery =>
    {
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.EventType).HasMaxLength(100);
        delivery.Property(d => d.Body).Metadata.SetMaxLength(null);
        delivery.Property(d => d.Status).HasMaxLength(20);
        delivery.Property(d => d.LockedBy).HasMaxLength(200);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        delivery.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // One delivery per event and subscription, however often the outbox hands the event over.
        delivery.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
        // The deliverer's claim reads due rows by status and due time.
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
    });
}

/// <summary>The states of a delivery; stored as these lower-case words.</summary>
public static class WebhookDeliveryStatus
{
    public const string Pending = Persistence.LeasedWorker.Pending;
    public const string Processing = Persistence.LeasedWorker.Processing;
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
