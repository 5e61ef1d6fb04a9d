using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Platform.Security;
using Tandem.SharedKernel;

namespace Tandem.Platform.Webhooks;

public static class WebhookRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxEvents = 50;
}

/// <summary>The body that creates a subscription.</summary>
public sealed record WebhookInput(string? Url, IReadOnlyList<string>? Events, bool Active = true);

/// <summary>A subscription as lists and pages show it; the secret is never in it.</summary>
public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, DateTime CreatedAt);

/// <summary>The answer to a creation: the only time the secret is shown.</summary>
public sealed record CreatedWebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, DateTime CreatedAt, string Secret);

public sealed record WebhookEventTypeDto(string Name, string Description);

public sealed record WebhookDeliveryDto(
    Guid Id, Guid EventId, string EventType, string Status, int Attempts, int? LastResponseCode, string? LastError,
    DateTime CreatedAt, DateTime? LastAttemptAt, DateTime NextAttemptAt, DateTime? DeliveredAt);

/// <summary>The company's webhook subscriptions, their delivery log and manual redelivery.</summary>
public sealed class WebhookAdministration(PlatformDb db, ICompanyContext company, WebhookEventCatalog catalog, WebhookSignal signal, TimeProvider clock)
{
    private DbSet<WebhookSubscription> Subscriptions => db.Set<WebhookSubscription>();
    private DbSet<WebhookDelivery> Deliveries => db.Set<WebhookDelivery>();

    public IReadOnlyList<WebhookEventTypeDto> EventTypes() => catalog.All.Select(t => new WebhookEventTypeDto(t.Name, t.Description)).ToList();

    public async Task<IReadOnlyList<WebhookDto>> ListAsync(CancellationToken ct)
    {
        var companyId = company.CompanyId;
        var rows = await Subscriptions.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Id).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    public async Task<Result<WebhookDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var subscription = await FindAsync(id, ct);
        return subscription is null ? Error.NotFound("The webhook") : ToDto(subscription);
    }

    public async Task<Result<CreatedWebhookDto>> CreateAsync(WebhookInput input, CancellationToken ct)
    {
        var url = input.Url?.Trim() ?? "";
        if (url.Length is 0 or > WebhookRules.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            return new Error("webhook_url_invalid", "The URL must be an absolute http or https address.", ErrorKind.Validation)
            {
                Fields = new Dictionary<string, string[]> { ["url"] = [$"An absolute http:// or https:// URL of at most {WebhookRules.MaxUrlLength} characters."] },
            };
        }
        var events = (input.Events ?? []).Select(e => e?.Trim() ?? "").ToList();
        if (events.Count is 0 or > WebhookRules.MaxEvents)
            return Error.Validation("events", $"Between 1 and {WebhookRules.MaxEvents} event types.");
        var unknown = events.Where(e => !catalog.IsKnown(e)).ToList();
        if (unknown.Count > 0)
        {
            var shown = string.Join(", ", unknown.Take(5).Select(e => e.Length > 60 ? e[..60] : e));
            return new Error("webhook_event_unknown", $"Unknown event types: {shown}.", ErrorKind.Validation)
            {
                Fields = new Dictionary<string, string[]> { ["events"] = [$"One of: {string.Join(", ", catalog.All.Select(t => t.Name))}."] },
            };
        }
        var subscription = new WebhookSubscription
        {
            CompanyId = company.CompanyId, Url = url, Events = events.Distinct(StringComparer.Ordinal).ToList(), Active = input.Active,
            Secret = WebhookSignature.NewSecret(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return new CreatedWebhookDto(subscription.Id, subscription.Url, subscription.Events, subscription.Active, subscription.CreatedAt, subscription.Secret);
    }

    public async Task<Result<WebhookDto>> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var subscription = await Subscriptions.FirstOrDefaultAsync(s => s.Id == id && s.CompanyId == company.CompanyId, ct);
        if (subscription is null)
            return Error.NotFound("The webhook");
        subscription.Active = active;
        await db.SaveChangesAsync(ct);
        return ToDto(subscription);
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var subscription = await Subscriptions.FirstOrDefaultAsync(s => s.Id == id && s.CompanyId == company.CompanyId, ct);
        if (subscription is null)
            return Error.NotFound("The webhook");
        Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The subscription's deliveries, newest first, in keyset pages (the cursor is the last delivery's id).</summary>
    public async Task<Result<Page<WebhookDeliveryDto>>> DeliveriesAsync(Guid id, int? limit, string? after, CancellationToken ct)
    {
        var size = limit ?? PageRequest.DefaultLimit;
        if (size is < 1 or > PageRequest.MaxLimit)
            return Error.Validation("limit", $"Between 1 and {PageRequest.MaxLimit}.");
        Guid? cursor = null;
        if (after is not null)
        {
            if (!Guid.TryParse(after, out var parsed))
                return Error.Validation("after", "The cursor of the previous page.");
            cursor = parsed;
        }
        if (await FindAsync(id, ct) is null)
            return Error.NotFound("The webhook");
        var query = Deliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (cursor is { } c)
            query = query.Where(d => d.Id.CompareTo(c) < 0);
        var rows = await query.OrderByDescending(d => d.Id).Take(size + 1)
            .Select(d => new WebhookDeliveryDto(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.LastResponseCode, d.LastError,
                d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(ct);
        var more = rows.Count > size;
        var items = more ? rows[..size] : rows;
        return new Page<WebhookDeliveryDto>(items, more ? items[^1].Id.ToString() : null);
    }

    /// <summary>Sends a delivery again from its first attempt, whatever its state, unless it is being sent right now.</summary>
    public async Task<Result<WebhookDeliveryDto>> RedeliverAsync(Guid id, Guid deliveryId, CancellationToken ct)
    {
        var companyId = company.CompanyId;
        var delivery = await Deliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id && d.CompanyId == companyId, ct);
        if (delivery is null)
            return Error.NotFound("The delivery");
        var now = clock.GetUtcNow().UtcDateTime;
        if (delivery.Status == WebhookDeliveryStatus.Processing && delivery.LockedUntil > now)
            return Error.Conflict("webhook_delivery_in_progress", "The delivery is being sent right now; look again in a moment.");
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = now;
        delivery.LockedBy = null;
        delivery.LockedUntil = null;
        delivery.DeliveredAt = null;
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return new WebhookDeliveryDto(delivery.Id, delivery.EventId, delivery.EventType, delivery.Status, delivery.Attempts, delivery.LastResponseCode,
            delivery.LastError, delivery.CreatedAt, delivery.LastAttemptAt, delivery.NextAttemptAt, delivery.DeliveredAt);
    }

    private Task<WebhookSubscription?> FindAsync(Guid id, CancellationToken ct)
    {
        var companyId = company.CompanyId;
        return Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.CompanyId == companyId, ct);
    }

    private static WebhookDto ToDto(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.Active, s.CreatedAt);
}

public static class WebhookEndpoints
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.TryAddSingleton<WebhookSignal>();
        services.TryAddSingleton<WebhookEventCatalog>();
        services.AddScoped<WebhookAdministration>();
        services.AddHostedService<WebhookDeliverer>();
        return services;
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        var hooks = api.MapGroup("/platform/webhooks").WithTags("Webhooks").RequireAuthorization(PlatformPermissions.ManageWebhooks);
        hooks.MapGet("/", async (WebhookAdministration admin, CancellationToken ct) => Results.Ok(await admin.ListAsync(ct)))
            .WithName("ListWebhooks")
            .WithSummary("The company's webhook subscriptions (without their secrets)");
        hooks.MapGet("/events", (WebhookAdministration admin) => Results.Ok(admin.EventTypes()))
            .WithName("ListWebhookEventTypes")
            .WithSummary("The event types a subscription may ask for");
        hooks.MapPost("/", async (WebhookInput input, WebhookAdministration admin, CancellationToken ct) =>
                (await admin.CreateAsync(input, ct)).ToHttp(hook => Results.Created($"/api/v1/platform/webhooks/{hook.Id}", hook)))
            .WithName("CreateWebhook")
            .WithSummary("Subscribe an http(s) URL to event types; the answer shows the signing secret, once");
        hooks.MapGet("/{id:guid}", async (Guid id, WebhookAdministration admin, CancellationToken ct) => (await admin.GetAsync(id, ct)).ToHttp())
            .WithName("GetWebhook")
            .WithSummary("One subscription (without its secret)");
        hooks.MapPost("/{id:guid}/deactivate", async (Guid id, WebhookAdministration admin, CancellationToken ct) =>
                (await admin.SetActiveAsync(id, false, ct)).ToHttp())
            .WithName("DeactivateWebhook")
            .WithSummary("Stop writing deliveries for new events; pending deliveries are still sent");
        hooks.MapPost("/{id:guid}/activate", async (Guid id, WebhookAdministration admin, CancellationToken ct) =>
                (await admin.SetActiveAsync(id, true, ct)).ToHttp())
            .WithName("ActivateWebhook")
            .WithSummary("Deliver new events again");
        hooks.MapDelete("/{id:guid}", async (Guid id, WebhookAdministration admin, CancellationToken ct) =>
                (await admin.DeleteAsync(id, ct)).ToHttp(_ => Results.NoContent()))
            .WithName("DeleteWebhook")
            .WithSummary("Delete a subscription and its delivery log");
        hooks.MapGet("/{id:guid}/deliveries", async (Guid id, int? limit, string? after, WebhookAdministration admin, CancellationToken ct) =>
                (await admin.DeliveriesAsync(id, limit, after, ct)).ToHttp())
            .WithName("ListWebhookDeliveries")
            .WithSummary("The subscription's deliveries, newest first: status, attempts, last response code and error, times; keyset pages");
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async (Guid id, Guid deliveryId, WebhookAdministration admin, CancellationToken ct) =>
                (await admin.RedeliverAsync(id, deliveryId, ct)).ToHttp())
            .WithName("RedeliverWebhook")
            .WithSummary("Send a delivery again from its first attempt");
    }
}
