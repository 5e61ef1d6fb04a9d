using System.Net;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tandem.Platform.Api;

public sealed class ApiOptions
{
    public const string Section = "Tandem:Api";

    /// <summary>Largest request body under /api; bigger ones get 413 before any JSON is parsed.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Sign-in attempts per client address, so a password cannot be guessed at network speed.</summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "Tandem:RateLimits:SignIn";

    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public string[] Paths { get; set; } = ["/api/v1/auth/token", "/login", "/account/login"];
}

/// <summary>
/// A reverse proxy in front of the server that ends TLS (nginx, Caddy, a load balancer). With it enabled, the scheme
/// and client address come from the proxy's <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c>, so HSTS and secure
/// cookies go out for https and sign-in attempts are limited per real client rather than per proxy. Only proxies on
/// this machine (loopback) and those listed are believed; anyone else's forwarded headers are ignored.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "Tandem:ReverseProxy";

    public bool Enabled { get; set; }

    /// <summary>Addresses of proxies on other machines whose forwarded headers are trusted, besides loopback.</summary>
    public string[] KnownProxies { get; set; } = [];
}

/// <summary>The cross-cutting HTTP conventions, registered and ordered in one place.</summary>
public static class ApiConventions
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section));
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section));
        services.AddOptions<SignInRateLimitOptions>().Bind(configuration.GetSection(SignInRateLimitOptions.Section));
        var proxy = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = proxy.Enabled ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(address, out var known) ? known
                    : throw new InvalidOperationException($"{ReverseProxyOptions.Section}:KnownProxies: '{address}' is not an IP address."));
            }
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (CorrelationId.Of(context.HttpContext) is { } id)
                context.ProblemDetails.Extensions["correlationId"] = id;
            // Problems the framework writes itself (status code pages, a body rejected before binding) get a code too.
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
                context.ProblemDetails.Extensions["code"] = CodeOf(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
        });
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<SignInRateLimitOptions>>().Value;
                if (!HttpMethods.IsPost(context.Request.Method)
                    || !settings.Paths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
                    return RateLimitPartition.GetNoLimiter("");
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.PermitLimit,
                    Window = settings.Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "rate_limited",
                    "Too many sign-in attempts from this address; wait a minute and try again.");
            };
        });
        return services;
    }

    /// <summary>The stable code of a problem nobody gave one to, from its status.</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "malformed_request",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        >= 500 => "internal_error",
        _ => "request_refused",
    };

    /// <summary>Outermost: correlation id and security headers, so even errors and rejections carry them.</summary>
    public static IApplicationBuilder UseApiConventionsOuter(this IApplicationBuilder app)
    {
        // First of all: everything after it (HSTS, cookies, the sign-in limit, logs) sees the client's scheme and address.
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api")
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
            return next(context);
        });
        return app;
    }
}

/// <summary>
/// Reads <c>X-Correlation-Id</c> (or makes one), echoes it, scopes every log line of the request with it,
/// and puts it in every problem detail, so a user's error report leads straight to the server's log.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[Header].ToString();
        var id = presented.Length is > 0 and <= 64 && ValidId().IsMatch(presented) ? presented : Guid.NewGuid().ToString("N");
        context.Items[CorrelationId.ItemKey] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            await next(context);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ValidId();
}

public static class CorrelationId
{
    internal const string ItemKey = "tandem.correlation-id";

    public static string? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var id) ? id as string : null;
}

/// <summary>Browser hardening headers on every response; the API docs page gets the looser policy its bundle needs.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Blazor Server: scripts from self, MudBlazor's inline styles, the circuit's websocket back to self.
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // Scalar renders with inline scripts and styles and may load its bundle and fonts from its CDN.
    public const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; " +
        "img-src 'self' data: https:; font-src 'self' data: https://fonts.gstatic.com https://cdn.jsdelivr.net; connect-src 'self'; frame-ancestors 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/docs") ? DocsPolicy : AppPolicy;
            if (context.Request.IsHttps)
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
