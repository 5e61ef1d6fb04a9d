using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Leads;

/// <summary>
/// The public web form's fields. <c>Website</c> is the honeypot: hidden from people by the form, filled in by bots.
/// <c>Company</c> code of the receiving company is given in the query (<c>?company=DEMO</c>).
/// </summary>
public sealed record WebLeadInput(
    string Name, string? Email = null, string? Company = null, string? Phone = null, string? JobTitle = null, string? Country = null,
    string? Message = null, string? Website = null);

/// <summary>Takes a lead from the company's public web form: anonymous on purpose, spam kept out by a honeypot and a per-address rate limit.</summary>
internal sealed class WebToLeadHandler(CrmDb db, LeadsHandler leads, DbSession session, ISearchIndex search, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(WebLeadInput input, CancellationToken ct)
    {
        // A filled honeypot is a bot: answer as if accepted so it learns nothing, and store nothing.
        if (!string.IsNullOrEmpty(input.Website))
            return false;
        var details = new LeadDetails(input.Name ?? "", input.Company, input.Email, input.Phone, input.JobTitle, "web", null, input.Country);
        var errors = details.Validate() is { Fields: { } fields } ? new Dictionary<string, string[]>(fields) : [];
        if (string.IsNullOrWhiteSpace(input.Email) && string.IsNullOrWhiteSpace(input.Phone))
            errors["email"] = ["Give an email address or a phone number."];
        if (input.Message is { Length: > 4000 })
            errors["message"] = ["At most 4000 characters."];
        if (errors.Count > 0)
            return Error.Validation(errors);
        await using var unit = await session.BeginAsync(ct);
        var lead = await leads.CaptureAsync(details, null, null, null, ct);
        if (!string.IsNullOrWhiteSpace(input.Message))
        {
            var note = Note.Write(input.Message, new RecordLinks(lead.Id, null, null, null), null, "Web form", clock.GetUtcNow());
            db.Notes.Add(note);
            await db.SaveChangesAsync(ct);
            await search.IndexAsync(SearchDocuments.For(note), ct);
        }
        await unit.CommitAsync(ct);
        return true;
    }
}

/// <summary>Web forms accepted per client address per window; the rest get 429 with Retry-After.</summary>
internal sealed class WebToLeadRateLimit(IOptions<CrmOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "crm-web-to-lead";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, _) =>
    {
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await Problems.Of("rate_limited", "Too many forms from this address; try again later.", StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var settings = options.Value.WebToLead;
        return RateLimitPartition.GetFixedWindowLimiter("web-to-lead:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            QueueLimit = 0,
        });
    }
}

internal static class WebToLeadEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/public/leads", async (string? company, WebLeadInput input, HttpContext http, CancellationToken ct) =>
            {
                // The form names its company by code; the request acts for that company as the system, and nothing else.
                var services = http.RequestServices;
                var companyId = await CompanyLookup.FindAsync(services, company, ct);
                if (companyId is null)
                    return Problems.From(Error.Validation("company", "No such company."));
                services.GetRequiredService<CurrentPrincipal>().ActAsSystem(companyId.Value);
                var result = await services.GetRequiredService<WebToLeadHandler>().HandleAsync(input, ct);
                return result.ToHttp(_ => Results.Accepted());
            })
            .AllowAnonymous()
            .RequireRateLimiting(WebToLeadRateLimit.Name)
            .WithTags("Public").WithName("WebToLead").WithSummary("The public web-to-lead form (anonymous; honeypot field website; rate limited per address)");
}

internal static class CompanyLookup
{
    public static async Task<Guid?> FindAsync(IServiceProvider services, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40)
            return null;
        var platform = services.GetRequiredService<Platform.Identity.PlatformDb>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            platform.Companies.Where(c => c.Code == code.Trim()).Select(c => (Guid?)c.Id), ct);
    }
}
