using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Api;
using Tandem.Platform.Audit;
using Tandem.Platform.Persistence;
using Tandem.Platform.Security;
using Tandem.SharedKernel;

namespace Tandem.Platform.Identity.Administration;

/// <summary>
/// Users, companies and the audit trail: <c>/api/v1/admin/...</c>, <c>/api/v1/auth/companies</c>,
/// <c>/api/v1/auth/set-password</c> and <c>/api/v1/audit/...</c>.
/// </summary>
public static class AdministrationEndpoints
{
    /// <summary>The services these endpoints and the audit trail need; called once by the host.</summary>
    public static IServiceCollection AddTandemAdministration(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        services.AddScoped<ISaveChangesParticipant>(sp => sp.GetRequiredService<AuditTrail>());
        services.AddScoped<AuditVerifier>();
        services.AddScoped<Consistency.IConsistencyCheck, AuditCheck>();
        services.AddScoped<AuditHistoryQuery>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<Modules.CompanySetup>();
        services.AddScoped<Invitations>();
        services.AddScoped<CustomFields.CustomFieldService>();
        services.AddScoped<CustomFields.CustomFieldAdministration>();
        // Invitations are password-reset tokens; they must outlive the default day.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = UserAdministration.InvitationLifetime);
        return services;
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        AuditEndpoints.Map(api);
        CustomFields.CustomFieldEndpoints.Map(api);
        MapUsers(api.MapGroup("/admin/users").WithTags("Administration").RequireAuthorization(PlatformPermissions.ManageUsers));
        MapCompanies(api.MapGroup("/admin/companies").WithTags("Administration").RequireAuthorization(PlatformPermissions.ManageCompanies));
        MapAccount(api.MapGroup("/auth").WithTags("Authentication"));
    }

    private static void MapUsers(RouteGroupBuilder users)
    {
        users.MapGet("/", async (int? limit, string? after, UserAdministration admin, CancellationToken ct) =>
                (await admin.ListAsync(limit, after, ct)).ToHttp())
            .WithName("ListUsers")
            .WithSummary("Users of the companies you administer, by email; keyset pages");

        users.MapGet("/{id:guid}", async (Guid id, UserAdministration admin, HttpContext http, CancellationToken ct) =>
                (await admin.GetAsync(id, ct)).ToHttp(user => WithETag(http, user)))
            .WithName("GetUser")
            .WithSummary("One user with memberships; the ETag is the user's version");

        users.MapPost("/", async (CreateUserRequest request, UserAdministration admin, CancellationToken ct) =>
                (await admin.CreateAsync(request, ct)).ToHttp(user => Results.Created($"/api/v1/admin/users/{user.Id}", user)))
            .WithName("CreateUser")
            .WithSummary("Create a user with a password and roles in one or more companies");

        users.MapPost("/invite", async (InviteUserRequest request, UserAdministration admin, CancellationToken ct) =>
                (await admin.InviteAsync(request, ct)).ToHttp(invitation => Results.Created($"/api/v1/admin/users/{invitation.User.Id}", invitation)))
            .WithName("InviteUser")
            .WithSummary("Create a user without a password; returns a set-password link valid for 7 days");

        users.MapPut("/{id:guid}/memberships", async (Guid id, UpdateMembershipsRequest request, UserAdministration admin, HttpContext http, CancellationToken ct) =>
                (await admin.UpdateMembershipsAsync(id, request, version => ETags.Check(http.Request, version), ct)).ToHttp(user => WithETag(http, user)))
            .WithName("UpdateMemberships")
            .WithSummary("Set the user's companies and roles among those you administer; send the ETag in If-Match");

        users.MapPost("/{id:guid}/deactivate", async (Guid id, UserAdministration admin, HttpContext http, CancellationToken ct) =>
                (await admin.SetActiveAsync(id, active: false, ct)).ToHttp(user => WithETag(http, user)))
            .WithName("DeactivateUser")
            .WithSummary("Stop the user signing in; their tokens stop working at once");

        users.MapPost("/{id:guid}/reactivate", async (Guid id, UserAdministration admin, HttpContext http, CancellationToken ct) =>
                (await admin.SetActiveAsync(id, active: true, ct)).ToHttp(user => WithETag(http, user)))
            .WithName("ReactivateUser")
            .WithSummary("Let a deactivated user sign in again");
    }

    private static void MapCompanies(RouteGroupBuilder companies)
    {
        companies.MapGet("/", async (ICurrentUser me, PlatformDb db, CancellationToken ct) =>
            {
                var mine = db.Memberships.Where(m => m.UserId == me.UserId).Select(m => m.CompanyId);
                var list = await db.Companies.AsNoTracking().Where(c => mine.Contains(c.Id))
                    .Select(c => new CompanyDto(c.Id, c.Code, c.Name, c.Currency, c.CreatedAt))
                    .ToListAsync(ct);
                return Results.Ok(list.OrderBy(c => c.Code, StringComparer.Ordinal));
            })
            .WithName("ListCompanies")
            .WithSummary("The companies you belong to");

        companies.MapPost("/", async (CreateCompanyRequest request, ICurrentUser me, PlatformDb db, Modules.CompanySetup setup, CancellationToken ct) =>
            {
                var code = request.Code?.Trim().ToUpperInvariant();
                var errors = new FieldErrors()
                    .Required("code", code, 20)
                    .When(code is { Length: > 0 and <= 20 } && !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "code", "Letters, digits, '-' and '_' only.")
                    .Required("name", request.Name, 200)
                    .When(request.Currency is not null && !CurrencyCode.IsValid(request.Currency), "currency", "A three-letter ISO 4217 code such as EUR.");
                if (errors.Any)
                    return Problems.From(errors.ToError());
                if (await db.Companies.AnyAsync(c => c.Code == code, ct))
                    return Problems.From(Error.Conflict("company_code_taken", $"A company with code {code} exists already."));
                // The creator administers the new company, or nobody could; each module sets the company up (a chart, say).
                var company = await setup.CreateAsync(code!, request.Name!.Trim(), request.Currency ?? "EUR", me.UserId!.Value, ct);
                return Results.Created($"/api/v1/admin/companies/{company.Id}", new CompanyDto(company.Id, company.Code, company.Name, company.Currency, company.CreatedAt));
            })
            .WithName("CreateCompany")
            .WithSummary("Create a company; you become its admin");
    }

    private static void MapAccount(RouteGroupBuilder auth)
    {
        auth.MapGet("/companies", async (ICurrentUser me, PlatformDb db, CancellationToken ct) =>
            {
                var home = await db.Users.Where(u => u.Id == me.UserId).Select(u => u.DefaultCompanyId).SingleOrDefaultAsync(ct);
                var rows = await db.Memberships.AsNoTracking().Where(m => m.UserId == me.UserId)
                    .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => new { c.Id, c.Code, c.Name, m.Roles })
                    .ToListAsync(ct);
                return Results.Ok(rows.OrderBy(r => r.Code, StringComparer.Ordinal)
                    .Select(r => new MyCompanyDto(r.Id, r.Code, r.Name, r.Roles, r.Id == home)));
            })
            .RequireAuthorization()
            .WithName("MyCompanies")
            .WithSummary("The companies you can work in; choose one with the X-Company-Id header");

        auth.MapPost("/set-password", async (SetPasswordRequest request, Invitations invitations) =>
                (await invitations.AcceptAsync(request)).ToHttp(_ => Results.NoContent()))
            .AllowAnonymous()
            .WithName("SetPassword")
            .WithSummary("Choose a password with the one-time token from an invitation");
    }

    private static IResult WithETag(HttpContext http, UserDto user)
    {
        ETags.Write(http.Response, user.Version);
        return Results.Ok(user);
    }
}
